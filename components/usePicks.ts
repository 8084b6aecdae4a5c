/**
 * The picks for a mood, shared by the popup and the overlay: strategy, variety, "different picks" and feedback,
 * each re-ranking at once. The caller passes its protocol client, so the hook stays free of browser APIs.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { turnsDown, type FeedbackSignal } from '../models/learning/signals';
import { ranked, zeroProbabilities, type EmotionProbabilities } from '../models/mood/emotions';
import { problemCodeOf, type ProblemCode } from '../models/problems';
import { useAction } from './useAction';
import { useOnReturn } from './useOnReturn';
import type { BackgroundClient, PickView } from '../models/protocol';
import type { Strategy } from '../models/recommend/mood-target';
import {
  DEFAULT_PICKS_CHOICES,
  MAX_EARLIER,
  MAX_EXCLUDED,
  type EarlierList,
  type KeptList,
  type MoreLike,
  type PicksChoices,
} from '../models/recommend/picks-choices';
import { displayTitle } from '../models/catalogue/movie';
import { offersOf } from '../models/tmdb/streams';

type Ask = BackgroundClient;

export interface PicksMood {
  probabilities: EmotionProbabilities;
  confidence: number;
  /** The picture's look, when the picks should look like it too. */
  look?: number[] | null;
}

export const PICK_COUNT = 10;

/** Choices compared as one value: a kept list is shown again only under the choices it was left with. */
const choicesKey = (c: PicksChoices) => JSON.stringify([c.strategy, c.minutes, c.diversity, c.exclude, c.like]);

/** The mood as a list's reasons name it, as one value: a list for one mood never stands in for another's. */
const moodKeyOf = (m: PicksMood) => JSON.stringify([m.probabilities, m.confidence]);

/**
 * A list "Different picks" moved past, and the mood and other choices it was shown under: "Previous picks" goes back
 * only while they hold.
 */
interface EarlierUnder extends EarlierList {
  under: string;
}
const NONE_EARLIER: EarlierUnder[] = [];

/** The last feedback given, which can still be taken back, and the list as it was before it. */
export interface LastFeedback {
  eventId: number;
  movieId: number;
  title: string;
  signal: FeedbackSignal;
  before: { picks: PickView[] | null; marked: Record<number, FeedbackSignal>; list: number };
}

/**
 * `details`: fetch each pick's poster, overview and where it streams from TMDB (only when the user gave a key; the
 * background caches details);
 * `onPoster` hears of each poster whose look is wanted (the popup measures it); `marksChanged` counts changes to the
 * user's marks made in another page while this one stays in view (the overlay under the popup): the cards follow each.
 */
export function usePicks(
  ask: Ask,
  mood: PicksMood | null,
  options: {
    count?: number;
    details?: boolean;
    onPoster?: (tmdbId: number, url: string) => void;
    marksChanged?: number;
  } = {},
) {
  const count = options.count ?? PICK_COUNT;
  const [posters, setPosters] = useState<Record<number, string | null>>({});
  /** Where each title streams with a subscription in the user's region, by TMDB's offers (fetched with its poster). */
  const [streams, setStreams] = useState<Record<number, string[]>>({});
  /** What each title is about, in TMDB's words, where it has some. */
  const [about, setAbout] = useState<Record<number, string | null>>({});
  const [picks, setPicks] = useState<PickView[] | null>(null);
  /**
   * A new list is coming for the mood on screen (another strategy, length, variety, different picks): the last one
   * stays in view, waiting, until it comes, so the popup neither empties nor jumps for the moment it takes.
   */
  const [loading, setLoading] = useState(false);
  const [strategy, setStrategy] = useState<Strategy>(DEFAULT_PICKS_CHOICES.strategy);
  const [diversity, setDiversity] = useState(DEFAULT_PICKS_CHOICES.diversity);
  /** "How long have I got": the longest runtime, in minutes; null for any. */
  const [minutes, setMinutes] = useState<number | null>(DEFAULT_PICKS_CHOICES.minutes);
  const [seed, setSeed] = useState(1);
  const [exclude, setExclude] = useState<number[]>(DEFAULT_PICKS_CHOICES.exclude);
  /** A feedback or undo being saved; why the last one could not be, shown until the next one succeeds. */
  const writing = useAction();
  /** Why no list came (e.g. the catalogue could not be read), shown in its place with a way to ask again. */
  const [failed, setFailed] = useState<ProblemCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [like, setLike] = useState<MoreLike | null>(DEFAULT_PICKS_CHOICES.like);
  /** Cards the user kept (liked, seen, watchlisted): they stay where they are, marked. */
  const [marked, setMarked] = useState<Record<number, FeedbackSignal>>({});
  const [lastFeedback, setLastFeedback] = useState<LastFeedback | null>(null);
  /** The card the last undo put back, and the button it was given with (the keyboard goes back there). */
  const [restored, setRestored] = useState<{ movieId: number; signal: FeedbackSignal } | null>(null);
  const choices = useMemo<PicksChoices>(
    () => ({ strategy, minutes, diversity, exclude, like }),
    [strategy, minutes, diversity, exclude, like],
  );
  /** Counts the lists asked for: a list the last feedback was given on is still shown while it is unchanged. */
  const listNumber = useRef(0);
  /** A list left on screen before, to show again as it was instead of the next ranking (see `restoreChoices`). */
  const kept = useRef<{ list: KeptList; choices: string; earlier?: EarlierList[] } | null>(null);
  /** The lists "Different picks" moved past, the last one last. */
  const [earlier, setEarlier] = useState<EarlierUnder[]>([]);
  const under = mood && JSON.stringify([moodKeyOf(mood), strategy, minutes, diversity, like?.movieId ?? null]);
  const previous = earlier.length > 0 && earlier[earlier.length - 1]!.under === under ? earlier : NONE_EARLIER;
  /** The lists "Previous picks" can go back through now, kept with the list on screen for the popup reopened. */
  const shownEarlier = useMemo<EarlierList[]>(
    () => previous.map(({ exclude, list }) => ({ exclude, list })),
    [previous],
  );
  /** What a list is asked for with: the mood as it reads, the choices, and what asks for a new one (seed, retry). */
  const listKey = useMemo(
    () =>
      mood &&
      JSON.stringify([
        mood.probabilities,
        mood.confidence,
        mood.look ?? null,
        choicesKey(choices),
        seed,
        count,
        attempt,
      ]),
    [mood, choices, seed, count, attempt],
  );
  /** What the list on screen was asked for with (a render may carry new choices before their list has come). */
  const shownFor = useRef<string | null>(null);
  /** The mood the list on screen is for (moodKeyOf). */
  const shownMood = useRef<string | null>(null);

  /** The recommend request for the mood as it stands: `n` picks, leaving out `left`. */
  function request(n: number, left: number[]) {
    return {
      type: 'recommend' as const,
      probabilities: (mood ?? { probabilities: zeroProbabilities() }).probabilities,
      confidence: mood?.confidence ?? 0,
      strategy,
      diversity,
      count: n,
      seed,
      exclude: left,
      like: like?.movieId ?? null,
      maxMinutes: minutes,
      // The user's own clock: late in the evening a lift calms down.
      hour: new Date().getHours(),
      look: mood?.look ?? null,
    };
  }

  /** The list on screen, to keep for the popup reopened (none while one is coming or when none came). */
  const shownList = useMemo<KeptList | null>(
    () =>
      picks && picks.length > 0 && !failed && shownFor.current === listKey
        ? {
            picks: picks.map(({ movie, reasons, wildcard }) => ({ movieId: movie.movieId, reasons, wildcard })),
            // A kept card rejected afterwards gave way to another; its mark went with it.
            marked: Object.fromEntries(
              picks.flatMap(({ movie: { movieId: id } }) => (marked[id] ? [[id, marked[id]]] : [])),
            ),
          }
        : null,
    [picks, marked, failed, listKey],
  );

  useEffect(() => {
    if (!mood) {
      setLoading(false);
      return;
    }
    let current = true;
    const keep = kept.current;
    kept.current = null;
    // The list left on screen, shown again as it was: kept for the popup reopened under the same choices, or still on
    // screen for the same mood and choices (the overlay's panel closed and opened, the popup back from a failed check).
    const again = keep?.choices === choicesKey(choices) ? keep.list : shownFor.current === listKey ? shownList : null;
    const moodKey = moodKeyOf(mood);
    if (!again) {
      listNumber.current += 1;
      const standsIn = picks !== null && picks.length > 0 && !failed && shownMood.current === moodKey;
      if (standsIn) setLoading(true);
      else setPicks(null);
    }
    setFailed(null);
    setRestored(null);
    void (async () => {
      try {
        const shown = again && (await shownAgain(again));
        if (!current) return;
        // Not as it was after all: a new list, and no marks from the old one.
        if (again && !shown) listNumber.current += 1;
        const list = shown?.picks ?? (await ask(request(count, exclude)));
        if (!current) return;
        shownFor.current = listKey;
        shownMood.current = moodKey;
        setPicks(list);
        setMarked(shown?.marked ?? {});
        // The popup reopened on its list can go back past it again.
        if (shown && keep?.earlier && under) setEarlier(keep.earlier.map((e) => ({ ...e, under })));
      } catch (error) {
        console.warn('Moodreel: picks failed', error);
        if (!current) return;
        setPicks([]);
        setFailed(problemCodeOf(error, 'picks-failed'));
      } finally {
        if (current) setLoading(false);
      }
    })();
    return () => {
      current = false;
    };
  }, [mood, choices, seed, count, attempt]);

  /**
   * The kept list's titles with the reasons and places they had, and the marks that still hold (one taken back since,
   * e.g. in the options page, goes), or null where it cannot be shown as it was (see 'kept-list') or cannot be read:
   * then the picks are ranked anew.
   */
  async function shownAgain(list: KeptList): Promise<{ picks: PickView[]; marked: KeptList['marked'] } | null> {
    const now = await ask({ type: 'kept-list', movieIds: list.picks.map((p) => p.movieId) }).catch(
      (error: unknown) => (console.warn('Moodreel: the list left on screen not read', error), null),
    );
    return (
      now && {
        picks: list.picks.map(({ reasons, wildcard }, i) => ({ movie: now.movies[i]!, reasons, wildcard })),
        marked: Object.fromEntries(Object.entries(list.marked).filter(([id, signal]) => now.signals[+id] === signal)),
      }
    );
  }

  /**
   * The cards follow the marks as they stand now, given or taken back in another page: a kept card is marked, a card
   * turned down there gives way to a new pick, as it would here.
   */
  function followMarks() {
    const ids = (picks ?? []).map((p) => p.movie.movieId);
    if (ids.length === 0 || writing.busy) return;
    void (async () => {
      const now = await ask({ type: 'marks-of', movieIds: ids });
      setMarked(Object.fromEntries(Object.entries(now).filter(([, signal]) => !turnsDown(signal))));
      const refused = ids.filter((id) => now[id] !== undefined && turnsDown(now[id]));
      if (refused.length > 0) await replace(refused);
    })().catch((error: unknown) => console.warn('Moodreel: marks not read again', error));
  }
  // Back from another tab (the options page, the popup over another page), or told of a change while in view.
  useOnReturn(followMarks);
  useEffect(() => {
    if (options.marksChanged) followMarks();
  }, [options.marksChanged]);

  useEffect(() => {
    if (!options.details || !picks) return;
    let current = true;
    for (const { movie } of picks) {
      if (movie.tmdbId === null || movie.movieId in posters) continue;
      const tmdbId = movie.tmdbId;
      ask({ type: 'tmdb-details', tmdbId })
        .then((d) => {
          if (!current) return;
          setPosters((p) => ({ ...p, [movie.movieId]: d.posterUrl }));
          setStreams((s) => ({ ...s, [movie.movieId]: offersOf(d) }));
          setAbout((a) => ({ ...a, [movie.movieId]: d.overview }));
          if (d.posterUrl && d.lookWanted) options.onPoster?.(tmdbId, d.posterUrl);
        })
        // Offline or refused: the generated placeholder stays, and the next picks try again.
        .catch(() => undefined);
    }
    return () => {
      current = false;
    };
  }, [picks, options.details]);

  /**
   * Sends one write (feedback or its undo); once it is committed the list follows (`rerank`: a new list; otherwise the
   * job adjusts the cards itself), or the problem shows.
   */
  const write = (job: () => Promise<void>, rerank: boolean) =>
    writing.run('storage-failed', async () => {
      await job();
      if (rerank) setSeed((s) => s + 1);
    });

  const feedback = (movieId: number, signal: FeedbackSignal) =>
    write(async () => {
      // Confirmed only once the background has committed it (a durable write).
      // Feedback on picks for a mood teaches the personal mood map how this user wants that mood handled.
      const lesson = mood && !like ? { emotion: ranked(mood.probabilities)[0]!, strategy } : null;
      // The list as it stands now, for an undo (taken before the wait: the list may change meanwhile).
      const before = { picks, marked, list: listNumber.current };
      const { eventId } = await ask({ type: 'feedback', movieId, signal, mood: lesson });
      const title = picks?.find((p) => p.movie.movieId === movieId)?.movie.title;
      const shown = title === undefined ? '' : displayTitle(title);
      setLastFeedback({ eventId, movieId, title: shown, signal, before });
      setRestored(null);
      // A steady list: a kept card is marked where it is; a rejected one gives way to one new pick in its place.
      if (turnsDown(signal)) await replace([movieId]);
      else setMarked((m) => ({ ...m, [movieId]: signal }));
    }, false);

  /** A new pick in the place of each of `movieIds` (none left: the card just goes). */
  async function replace(movieIds: number[]) {
    const shownIds = (picks ?? []).map((p) => p.movie.movieId);
    const next = await ask(request(movieIds.length, [...exclude, ...shownIds]));
    setPicks((list) =>
      (list ?? []).flatMap((p) => {
        const at = movieIds.indexOf(p.movie.movieId);
        if (at < 0) return [p];
        const instead = next[at];
        return instead ? [instead] : [];
      }),
    );
  }

  // Undone on the list it was given on, the list is put back as it was (the card where it stood, the rest unmoved);
  // on a list shown since (another strategy, different picks), a new list is asked for.
  const undo = () =>
    write(async () => {
      if (!lastFeedback) return;
      const last = lastFeedback;
      await ask({ type: 'feedback-undo', eventId: last.eventId });
      setLastFeedback(null);
      if (last.before.picks === null || last.before.list !== listNumber.current) {
        setSeed((s) => s + 1);
        return;
      }
      setPicks(last.before.picks);
      setMarked(last.before.marked);
      setRestored({ movieId: last.movieId, signal: last.signal });
    }, false);

  return {
    picks,
    loading,
    strategy,
    diversity,
    busy: writing.busy,
    onStrategy: setStrategy,
    onDiversity: setDiversity,
    minutes,
    onMinutes: setMinutes,
    onFeedback: (movieId: number, signal: FeedbackSignal) => void feedback(movieId, signal),
    exclude,
    onDifferent: () => {
      const list = shownList;
      if (list && under)
        setEarlier((e) => [...e.filter((l) => l.under === under), { under, exclude, list }].slice(-MAX_EARLIER));
      setExclude((ex) => [...ex, ...(picks ?? []).map((p) => p.movie.movieId)].slice(-MAX_EXCLUDED));
    },
    /** How many lists "Previous picks" can go back through now. */
    previousCount: previous.length,
    /** The list before "Different picks", shown again as it was left (the marks as they stand now). */
    onPrevious: () => {
      const last = previous[previous.length - 1];
      if (!last) return;
      setEarlier(previous.slice(0, -1));
      kept.current = { list: last.list, choices: choicesKey({ ...choices, exclude: last.exclude }) };
      setExclude(last.exclude);
    },
    like,
    onMoreLike: (movieId: number, title: string) => setLike({ movieId, title }),
    onBackToMood: () => setLike(null),
    lastFeedback,
    marked,
    /**
     * A title's mark changed outside the list (it left the watchlist, or came back on it): its card, if shown, says
     * what it carries now, or gives way to a new pick when it was turned down there.
     */
    onMarkChanged: (movieId: number, mark: FeedbackSignal | null) => {
      setMarked((m) => {
        const { [movieId]: _, ...rest } = m;
        return mark && !turnsDown(mark) ? { ...rest, [movieId]: mark } : rest;
      });
      if (mark && turnsDown(mark) && picks?.some((p) => p.movie.movieId === movieId))
        replace([movieId]).catch((error: unknown) =>
          console.warn('Moodreel: no pick in place of a refused one', error),
        );
    },
    onUndo: () => void undo(),
    /**
     * Puts back the choices made on a list shown before (the popup reopened on that check) and, where it was kept, the
     * list itself as the user left it, with the lists "Previous picks" could go back through from it.
     */
    restoreChoices: (c: PicksChoices, list: KeptList | null, before: EarlierList[] = []) => {
      kept.current = list && { list, choices: choicesKey(c), earlier: before };
      setEarlier([]);
      setStrategy(c.strategy);
      setMinutes(c.minutes);
      setDiversity(c.diversity);
      setExclude(c.exclude);
      setLike(c.like);
    },
    restored,
    /**
     * The choices in force, the list on screen once it was made with them and the lists before it: kept for the popup
     * reopened.
     */
    choices,
    shownList,
    shownEarlier,
    problem: writing.problem,
    failed,
    onRetry: () => setAttempt((a) => a + 1),
    posters,
    streams,
    about,
  };
}
