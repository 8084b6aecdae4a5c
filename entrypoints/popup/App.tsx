/**
 * The popup: a mood check from the camera (3-2-1, then a short burst), this tab's video or an image file (picked,
 * dropped or pasted); the mood with its picks, which the user can correct; their history and watchlist.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { HistoryView } from '../../components/HistoryView';
import { MoodPanel } from '../../components/MoodPanel';
import { RecalledMood } from '../../components/RecalledMood';
import { formatAgo, t, type MessageKey } from '../../components/i18n';
import { SOURCE_WORDS } from '../../components/sourceWords';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useLoaded } from '../../components/useLoaded';
import { useAction } from '../../components/useAction';
import { Picks } from '../../components/Picks';
import { Snapshot, type Picture } from '../../components/Snapshot';
import { usePicks } from '../../components/usePicks';
import { WatchlistView } from '../../components/WatchlistView';
import { useWatchlist } from '../../components/useWatchlist';
import { UndoBar } from '../../components/UndoBar';
import { ACTION } from '../../components/feedbackActions';
import { Working } from '../../components/Working';
import type { Emotion } from '../../models/mood/emotions';
import { correctedMood, moodAsMeant, type Mood } from '../../models/mood/mood';
import { checkNoFaceProblem, Problem, problemCodeOf, type ClosedPage, type ProblemCode } from '../../models/problems';
import { MAX_LOOKUP, type AnalysisResult } from '../../models/protocol';
import { fileKindOf, MAX_IMAGE_DATA_URL_LENGTH, MAX_IMAGE_FILE_BYTES } from '../../models/image/data-url';
import type { CheckSource } from '../../models/mood/summary';
import { DEFAULT_SETTINGS, type Settings } from '../../models/settings';
import { registeredSites } from '../../models/sites';
import type { StoredHistoryEntry } from '../../models/store/schema';
import { loadSettings, saveSetting, savedOrStored, type SettingName } from '../shared/settings';
import { applyTheme } from '../shared/theme';
import { choicesFor, keepChoices } from '../shared/check-choices';
import { takeClosedPage } from '../shared/closed-page';
import { forgetMissedCheck, takeMissedCheck } from '../shared/missed-check';
import { missedCheckProblem } from '../../models/mood/missed-check';
import { burst, CameraError, cameraPermission, showCameraPage, UNBLOCK_CAMERA } from './camera';
import { measurePosterLook } from './poster-look';
import { drawnAsPng } from './drawn-picture';
import { askBackground } from '../shared/background-client';
import { Tabs } from '../../components/Tabs';
import { WaitButton } from '../../components/WaitButton';
import { displayTitle } from '../../models/catalogue/movie';
import { meanLook } from '../../models/look/picture';
import { inView, type VideoOnScreen } from '../../models/image/frame';

const ask = askBackground;
const sites = registeredSites();

/** Reopened this soon after a check, the popup shows that check's mood and picks again instead of starting empty. */
const RECALL_WITHIN_MS = 60 * 60_000;

/** Frames in a webcam burst, and the time between them. */
const BURST = { frames: 3, gapMs: 250 } as const;

type Found = Extract<Mood, { kind: 'mood' }>;
/** What a check reads: the camera's burst, a file, or a screenshot of the tab with where its video is. */
interface Capture {
  images: string[];
  video: VideoOnScreen | null;
}
type State =
  | { kind: 'idle' }
  /** `finishing`: a check begun before the popup last closed, which the background is reading; shown once kept. */
  | { kind: 'working'; step: string; count?: number; image?: Picture; finishing?: boolean }
  | {
      kind: 'done';
      image: Picture;
      analysis: AnalysisResult;
      mood: Found;
      historyId: number | null;
      corrected: Emotion | null;
      /** The scene's look (faces left out), for "match the look of my picture"; never stored. */
      look: number[] | null;
    }
  | {
      kind: 'problem';
      code: ProblemCode;
      subs?: (string | number)[];
      image?: Picture;
      /** A body in place of the problem's own, where the way forward differs for this check. */
      body?: MessageKey | undefined;
      /** A check the popup was closed on, told when opened again: where it read from and when it ended. */
      missed?: { source: CheckSource; at: number };
    }
  /** A check made earlier, back in view: the popup reopened soon after it, or "Picks for this mood" in History. */
  | { kind: 'recalled'; entry: StoredHistoryEntry; corrected: Emotion | null };
/** A check in view with its picks. */
type ShownCheck = Extract<State, { kind: 'done' | 'recalled' }>;
const isShownCheck = (s: State): s is ShownCheck => s.kind === 'done' || s.kind === 'recalled';
/** Nothing of the user's own in view yet: empty, or a check begun before the popup opened, being finished. */
const openToRecall = (s: State): boolean => s.kind === 'idle' || (s.kind === 'working' && s.finishing === true);
/** Its history id (null if History could not keep it). */
const checkId = (s: ShownCheck): number | null => (s.kind === 'done' ? s.historyId : s.entry.id);
type View = 'mood' | 'history' | 'watchlist';

/**
 * A chosen file that cannot be read: not an image or unreadable, a picture in a format the browser does not open (with
 * its name), or (with its size and the limit) too large.
 */
class FileProblem extends Problem<'bad-image' | 'image-format' | 'image-too-large'> {
  constructor(
    code: 'bad-image' | 'image-format' | 'image-too-large',
    readonly subs: (string | number)[] = [],
  ) {
    super(code);
  }
}

function problemOf(error: unknown): { code: ProblemCode; subs?: (string | number)[] } {
  return {
    code: problemCodeOf(error, 'inference-failed'),
    subs: error instanceof FileProblem ? error.subs : undefined,
  };
}

/** One of Moodreel's own pages, in a tab of its own (the popup closes behind it). */
const openTab = (path: Parameters<typeof browser.runtime.getURL>[0]) =>
  void browser.tabs.create({ url: browser.runtime.getURL(path) });

/** Moodreel's entry in Chromium's extensions page, where files are allowed ("Allow access to file URLs"). */
const openExtensionDetails = () => void browser.tabs.create({ url: `chrome://extensions/?id=${browser.runtime.id}` });

/** A right-click read that the page in this tab refused lately (closed-page.ts), or null. */
async function refusalOnThisTab(): Promise<ClosedPage | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : takeClosedPage(tab.id);
}

const megabytes = (bytes: number) => Math.round(bytes / 1e5) / 10;

function warnHistory(error: unknown): void {
  console.warn('Moodreel: history not saved', error);
}

function readFile(file: File): Promise<string> {
  const kind = fileKindOf(file.type, file.name);
  if (kind.kind === 'not-a-picture') return Promise.reject(new FileProblem('bad-image'));
  // Said before reading: a HEIC photo is not damaged, the browser cannot open its format.
  if (kind.kind === 'unreadable-picture') return Promise.reject(new FileProblem('image-format', [kind.format]));
  // Said before reading: a 100 MB file is not damaged, it is too large.
  const tooLarge = () => new FileProblem('image-too-large', [megabytes(file.size), megabytes(MAX_IMAGE_FILE_BYTES)]);
  if (file.size > MAX_IMAGE_FILE_BYTES) return Promise.reject(tooLarge());
  // An empty file (a download cut short) has nothing to read.
  if (file.size === 0) return Promise.reject(new FileProblem('bad-image'));
  // Drawn no larger than the face model reads: well inside the limit.
  if (kind.kind === 'drawn')
    return drawnAsPng(file, kind.type).catch(() => Promise.reject(new FileProblem('bad-image')));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string' && reader.result.length <= MAX_IMAGE_DATA_URL_LENGTH
        ? resolve(reader.result)
        : reject(tooLarge());
    reader.onerror = () => reject(new FileProblem('bad-image'));
    // Under the type's usual name ("image/jpg" is a JPEG).
    reader.readAsDataURL(file.slice(0, file.size, kind.type));
  });
}

/**
 * Opened in a tab by the camera page (Firefox gave the camera to that tab only): a tab may use, or ask for, the
 * camera itself.
 */
const PAGE_PARAMS = new URLSearchParams(location.search);
const OPENED_IN_TAB = PAGE_PARAMS.get('in') === 'tab';
/**
 * Firefox closes its popup as soon as a file window opens, and the chosen file never arrives (Mozilla bug 1292701):
 * there the popup's "Image file" opens it in a tab, where the file is chosen.
 */
const CHOOSE_FILE_IN_TAB = import.meta.env.FIREFOX && !OPENED_IN_TAB;
/** Opened for that: the file button has the keyboard, and a line says why this tab. */
const CHOOSING_FILE = OPENED_IN_TAB && PAGE_PARAMS.get('choose') === 'file';

/** History shows this many checks at first, and this many more each time older ones are asked for. */
const HISTORY_PAGE = 50;

/** The last `limit` checks, with the titles of the picks each showed; `more` when there may be older ones. */
async function loadHistory(
  limit: number,
): Promise<{ entries: StoredHistoryEntry[]; titles: Map<number, string>; more: boolean }> {
  const entries = await ask({ type: 'history-list', limit });
  const ids = [...new Set(entries.flatMap((e) => e.picks.slice(0, 5)))];
  const batches = Array.from({ length: Math.ceil(ids.length / MAX_LOOKUP) }, (_, i) =>
    ids.slice(i * MAX_LOOKUP, (i + 1) * MAX_LOOKUP),
  );
  const movies = (await Promise.all(batches.map((movieIds) => ask({ type: 'movies-get', movieIds })))).flat();
  const titles = new Map(movies.map((m) => [m.movieId, displayTitle(m.title)]));
  return { entries, titles, more: entries.length === limit };
}

/** A shown poster's look, kept with its TMDB details for "match the look" (never the user's picture). */
function learnPosterLook(tmdbId: number, url: string): void {
  measurePosterLook(url)
    .then((look) => look && ask({ type: 'poster-look', tmdbId, look }))
    .catch(() => undefined);
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  /** The state as last rendered, for work that finishes later. */
  const shownState = useRef(state);
  shownState.current = state;
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [view, setView] = useState<View>('mood');
  const [dragging, setDragging] = useState(false);
  /** Whether the last check has been looked for: until then the empty view's hint is hidden, so it does not flash. */
  const [recallAsked, setRecallAsked] = useState(false);
  // Each tab asks again whenever it is shown; a failure shows its problem with Try again instead of "Loading…".
  /** How many checks History lists: a page, and a page more each time "Older checks" is pressed. */
  const [historyShown, setHistoryShown] = useState(HISTORY_PAGE);
  const history = useLoaded(() => loadHistory(historyShown), 'storage-unreadable', view === 'history');
  // A history write landing while History is shown (the check made a moment ago, its picks, a correction; on a first
  // run they wait behind the catalogue's import): History reads again, so the check shows as it is stored.
  const historyShownAgain = useRef<(() => void) | null>(null);
  historyShownAgain.current = view === 'history' ? history.retry : null;
  const historyWritten = () => historyShownAgain.current?.();
  const olderHistory = useAction();
  const forgetting = useAction();
  /** A setting changed here; refused by the storage, the popup says so and shows what is kept. */
  const settingWrite = useAction();
  function keepSetting<K extends SettingName>(name: K, value: Settings[K]) {
    setSettings((s) => ({ ...s, [name]: value }));
    void settingWrite.run('storage-failed', () => savedOrStored(() => saveSetting(name, value), setSettings));
  }
  const fileInput = useRef<HTMLInputElement>(null);
  /**
   * "Picks for this mood" pressed in History, or "Back to your last picks": the keyboard goes to the Mood view's tab
   * rather than to nowhere.
   */
  const moodTabFocus = useRef(false);
  useLayoutEffect(() => {
    if (!moodTabFocus.current || view !== 'mood') return;
    moodTabFocus.current = false;
    document.getElementById('tab-mood')?.focus();
  }, [view, state]);
  /** The check in view when a new one was started: one that fails offers the way back to it (correction, choices). */
  const [previous, setPrevious] = useState<ShownCheck | null>(null);
  /** Whether the face model has loaded (the warm-up said so, or a check has run): what the progress line says. */
  const modelReady = useRef(false);
  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      applyTheme(s.theme);
      // Opening the popup is the first sign of a check: the model and the catalogue start loading now, not at the click.
      void ask({ type: 'warm-up', detector: s.detector }).then(
        () => (modelReady.current = true),
        (error: unknown) => console.warn('Moodreel: warm-up failed', error),
      );
    });
    // Opened on a tab whose page just refused the right-click's read (or by that refusal): why, first. Else, back
    // soon after a check (a "Watch on…" link closed the popup, say): that check again, unless one has started.
    // Both asked at once.
    const refused = refusalOnThisTab().then(
      (code) => {
        if (code) setState({ kind: 'problem', code });
        return code;
      },
      (error: unknown) => {
        console.warn('Moodreel: refused read not asked for', error);
        return null;
      },
    );
    // A check the popup last closed on, still being read: said so until it is kept (the list below waits for it).
    let recalled = false;
    ask({ type: 'check-running' }).then(
      ({ running }) => {
        if (running && !recalled)
          setState((s) => (s.kind === 'idle' ? { kind: 'working', step: t('stepFinishing'), finishing: true } : s));
      },
      (error: unknown) => console.warn('Moodreel: running check not asked for', error),
    );
    Promise.all([ask({ type: 'history-list', limit: 1 }), refused])
      .then(
        async ([[last], code]) => {
          if (code) return;
          // One it was closed on that found no mood (no face, a failed read), later than the last kept: how it ended.
          const missed = await takeMissedCheck().catch((error: unknown) => {
            console.warn('Moodreel: missed check not read', error);
            return null;
          });
          const recent = (at: number) => Date.now() - at <= RECALL_WITHIN_MS;
          if (missed && recent(missed.at) && !(last && last.at > missed.at)) {
            const { source, at } = missed;
            if (!openToRecall(shownState.current)) return;
            setState({ kind: 'problem', ...missedCheckProblem(missed), missed: { source, at } });
            // The check before it stays one step away, as after a check that fails with the popup open.
            if (last && recent(last.at))
              setPrevious({ kind: 'recalled', entry: last, corrected: last.corrected ?? null });
          } else if (last && recent(last.at)) await recall(last, true);
        },
        (error: unknown) => console.warn('Moodreel: last check not read', error),
      )
      .finally(() => {
        recalled = true;
        setState((s) => (s.kind === 'working' && s.finishing ? { kind: 'idle' } : s));
        setRecallAsked(true);
      });
  }, []);

  /**
   * A past check back in the Mood view, with the choices last made on its list (match or lift, how long, variety,
   * different picks, more like this) and the list as the user left it, where they were kept. `onlyIfIdle`: not over a
   * check the user has started meanwhile. `inForce`: the choices in force are this check's own already (the way back
   * from a failed check), so they stay when none were kept.
   */
  async function showAgain(check: ShownCheck, how: { onlyIfIdle?: boolean; inForce?: boolean } = {}): Promise<void> {
    const id = checkId(check);
    const choices = id === null ? null : await choicesFor(id);
    if (how.onlyIfIdle && !openToRecall(shownState.current)) return;
    // Its picks were recorded when it was made; the list shown now is not written over them. A check the popup closed
    // on before any were shown (kept by the background) gets the first list shown for it now; the overlay's checks
    // keep none (their lists were the panel's).
    const unshown = check.kind === 'recalled' && check.entry.picks.length === 0 && check.entry.mood.source !== 'video';
    if (id !== null && !unshown) recordedPicks.current = id;
    // One render: the list is asked for once, with the choices in place.
    setState(check);
    if (choices) picks.restoreChoices(choices, choices.list, choices.earlier);
    // "More like this" chosen on another check's list is not this check's.
    else if (!how.inForce) picks.onBackToMood();
  }
  const recall = (entry: StoredHistoryEntry, onlyIfIdle: boolean) =>
    showAgain({ kind: 'recalled', entry, corrected: entry.corrected ?? null }, { onlyIfIdle });

  // Picks follow the mood, the strategy, the variety and the user's feedback at once.
  const look = state.kind === 'done' && settings.matchLook ? state.look : null;
  const readMood = state.kind === 'done' ? state.mood : null;
  const recalledMood = state.kind === 'recalled' ? state.entry.mood : null;
  const corrected = state.kind === 'done' || state.kind === 'recalled' ? state.corrected : null;
  const picksMood = useMemo(() => {
    if (readMood) return { ...readMood, look };
    return recalledMood ? moodAsMeant(recalledMood, corrected) : null;
  }, [readMood, look, recalledMood, corrected]);
  const picks = usePicks(ask, picksMood, { details: settings.tmdbApiKey !== '', onPoster: learnPosterLook });
  const watchlist = useWatchlist(ask, view === 'watchlist', picks.onMarkChanged, {
    streams: settings.tmdbApiKey !== '',
  });

  // History keeps the picks first shown for each check.
  const recordedPicks = useRef<number | null>(null);
  const historyId = isShownCheck(state) ? checkId(state) : null;
  useEffect(() => {
    if (historyId === null || !picks.picks || picks.loading || recordedPicks.current === historyId) return;
    recordedPicks.current = historyId;
    const ids = picks.picks.map((p) => p.movie.movieId);
    void ask({ type: 'history-update', id: historyId, picks: ids, corrected: null }).then(historyWritten, warnHistory);
  }, [historyId, picks.picks, picks.loading]);

  // The choices made on this check's list, the list as it stands and those before it: kept for the popup reopened.
  useEffect(() => {
    if (historyId === null) return;
    keepChoices(historyId, picks.choices, picks.shownList, picks.shownEarlier).catch((error: unknown) =>
      console.warn('Moodreel: list choices not kept', error),
    );
  }, [historyId, picks.choices, picks.shownList, picks.shownEarlier]);

  // A correction reaches history even when it was made before the check was recorded.
  useEffect(() => {
    if (historyId !== null && corrected)
      void ask({ type: 'history-update', id: historyId, picks: null, corrected }).then(historyWritten, warnHistory);
  }, [historyId, corrected]);

  async function analyse({ images, video }: Capture, source: CheckSource) {
    // The snapshot at once, and what is happening while it is read.
    const step = modelReady.current ? t('stepReading') : t('stepModel');
    setState({ kind: 'working', step, image: { src: images[images.length - 1]!, video } });
    // Read and kept by the background: a popup closed meanwhile (a click elsewhere) loses nothing.
    const {
      results,
      mood: found,
      historyId,
    } = await ask({ type: 'check-mood', images, detector: settings.detector, video, source }).finally(
      // Answered here: kept for a popup opened later, a check that found no mood needs no telling again.
      () => void forgetMissedCheck(),
    );
    modelReady.current = true;
    // Show the frame with the most faces (the last of equals): what the user sees is what was read.
    let shown = results.length - 1;
    results.forEach((r, i) => {
      if (r.faces.length > results[shown]!.faces.length) shown = i;
    });
    const image = { src: images[shown]!, video };
    if (found.kind === 'no-face')
      return setState({ kind: 'problem', ...checkNoFaceProblem(results[shown]!.picture, source), image });
    // A new check's picks are for its mood, not like a title chosen on the last list.
    picks.onBackToMood();
    setState({
      kind: 'done',
      image,
      analysis: results[shown]!,
      mood: found,
      historyId,
      corrected: null,
      look: meanLook(results.map((r) => r.look)),
    });
    if (historyId !== null) historyWritten();
  }

  async function run(source: CheckSource, capture: () => Promise<Capture | null>) {
    setView('mood');
    if (isShownCheck(shownState.current)) setPrevious(shownState.current);
    try {
      const captured = await capture();
      if (captured) await analyse(captured, source);
    } catch (error) {
      console.warn('Moodreel: mood check failed', error);
      setState({ kind: 'problem', ...problemOf(error) });
    }
    // A picture dropped or pasted meanwhile is read next (the check it came during is one step back).
    const next = dropped.current;
    dropped.current = null;
    if (next) void fromFile(next);
  }

  const fromCamera = () =>
    run('camera', async () => {
      const permission = await cameraPermission();
      // Blocked: say so and how to unblock it; a page that asks again would only be refused again.
      if (permission === 'denied') throw new CameraError('camera-denied', 'Camera access is blocked');
      if (permission !== 'granted' && !OPENED_IN_TAB) {
        // Popups cannot show the permission prompt: ask once on a page of our own.
        setState({ kind: 'problem', code: 'camera-permission' });
        await showCameraPage();
        return null;
      }
      setState({ kind: 'working', step: t('stepLook') });
      const images = await burst(BURST.frames, BURST.gapMs, (n) =>
        setState({ kind: 'working', step: n > 0 ? t('stepLook') : t('stepSnap'), count: n }),
      );
      return { images, video: null };
    });

  const fromTab = () =>
    run('tab', async () => {
      setState({ kind: 'working', step: t('stepCapturing') });
      const { image, video } = await ask({ type: 'capture-tab' });
      // Where the page's player is known, its picture is read, not the faces around it (thumbnails, avatars).
      if (video && !inView(video)) throw new Problem('video-out-of-view');
      return { images: [image], video };
    });

  const fromFile = (file: File) =>
    run('file', async () => {
      setState({ kind: 'working', step: t('stepOpening') });
      return { images: [await readFile(file)], video: null };
    });
  /** A file dropped or pasted during a check, read once it ends (the last one, where several came). */
  const dropped = useRef<File | null>(null);
  /** A file dropped or pasted: read like one chosen (a non-image is refused plainly), after the check running, if any. */
  const takeFile = (file: File | undefined) => {
    if (!file) return;
    if (shownState.current.kind === 'working') dropped.current = file;
    else void fromFile(file);
  };
  const takeFileNow = useRef(takeFile);
  takeFileNow.current = takeFile;
  // A picture copied (a screenshot, "Copy image") and pasted anywhere, in any view: the same (the popup has no text
  // field to paste into; pasted text is left alone).
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = e.clipboardData?.files[0];
      if (!file) return;
      e.preventDefault();
      takeFileNow.current(file);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  function correct(emotion: Emotion) {
    if (state.kind === 'done') setState({ ...state, mood: correctedMood(emotion, state.mood), corrected: emotion });
    // A recalled check's picks follow its mood as meant (moodAsMeant), the correction included.
    else if (state.kind === 'recalled') setState({ ...state, corrected: emotion });
  }

  const busy = state.kind === 'working';
  const services = sites.filter((s) => (settings.services as string[]).includes(s.id));
  return (
    <main
      class={OPENED_IN_TAB ? 'popup in-tab' : 'popup'}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        takeFile(e.dataTransfer?.files[0]);
      }}
    >
      <header class="brand">
        <h1>{t('extName')}</h1>
        <p class="tagline">{t('tagline')}</p>
      </header>
      <Tabs
        label={t('viewsLabel')}
        tabs={[
          { id: 'mood', label: t('tabMood') },
          { id: 'history', label: t('tabHistory') },
          { id: 'watchlist', label: t('tabWatchlist') },
        ]}
        selected={view}
        onSelect={setView}
      />

      {view === 'mood' && (
        <section id="panel-mood" role="tabpanel" aria-labelledby="tab-mood" class="popup-panel">
          <div class="actions-3">
            {/* Waiting, not disabled, while a check runs: the keyboard stays on the button that started it. */}
            <WaitButton
              class="primary"
              onClick={fromCamera}
              waiting={busy}
              data-testid="check-camera"
              autoFocus={!CHOOSING_FILE}
            >
              📷 {t('checkCamera')}
            </WaitButton>
            <WaitButton onClick={fromTab} waiting={busy} data-testid="check-tab">
              🎬 {t('checkTab')}
            </WaitButton>
            <WaitButton
              onClick={() =>
                CHOOSE_FILE_IN_TAB ? openTab('/popup.html?in=tab&choose=file') : fileInput.current?.click()
              }
              waiting={busy}
              data-testid="check-file"
              autoFocus={CHOOSING_FILE}
            >
              🖼 {t('checkFile')}
            </WaitButton>
          </div>
          {CHOOSING_FILE && (state.kind === 'idle' || state.kind === 'recalled') && (
            <p class="tagline" data-testid="choose-file-here">
              {t('chooseFileHere')}
            </p>
          )}
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="file-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void fromFile(file);
            }}
          />
          {dragging && <p class="drop-hint">{t('dropHint')}</p>}
          {state.kind === 'working' && (
            <>
              {/* The count under the line, not over it: the line stays where it is from "Look at the camera…" on. */}
              <Working testId="working">{state.step}</Working>
              {state.count !== undefined && state.count > 0 && (
                <p class="countdown" data-testid="countdown" aria-live="assertive">
                  {state.count}
                </p>
              )}
              {state.image && <Snapshot picture={state.image} thumb />}
            </>
          )}
          {state.kind === 'problem' && state.missed && (
            <p class="problem-when" data-testid="problem-when">
              {t(SOURCE_WORDS[state.missed.source])} · {formatAgo(state.missed.at)}
            </p>
          )}
          {state.kind === 'problem' && (
            <ProblemNotice
              code={state.code}
              subs={state.subs}
              body={state.code === 'camera-denied' ? UNBLOCK_CAMERA.body : state.body}
              action={
                state.code === 'camera-denied'
                  ? { label: t(UNBLOCK_CAMERA.label), run: () => void UNBLOCK_CAMERA.open() }
                  : state.code === 'file-closed'
                    ? { label: t('openExtensionDetails'), run: openExtensionDetails }
                    : undefined
              }
            />
          )}
          {state.kind === 'problem' && previous && (
            <p>
              <button
                type="button"
                data-testid="back-to-check"
                onClick={() => {
                  moodTabFocus.current = true;
                  void showAgain(previous, { inForce: true });
                }}
              >
                ↩ {t('backToLastCheck')}
              </button>
            </p>
          )}
          {state.kind === 'problem' && state.image && <Snapshot picture={state.image} />}
          {state.kind === 'done' && (
            <>
              <MoodPanel
                mood={state.mood}
                analysis={state.analysis}
                image={state.image}
                corrected={state.corrected}
                onCorrect={correct}
              />
              <Picks
                {...picks}
                yourServices={services}
                more={
                  state.look && (
                    <label class="match-look">
                      <input
                        type="checkbox"
                        checked={settings.matchLook}
                        data-testid="match-look"
                        onChange={(e) => {
                          keepSetting('matchLook', e.currentTarget.checked);
                        }}
                      />{' '}
                      {t('matchLook')}
                    </label>
                  )
                }
              />
            </>
          )}
          {state.kind === 'recalled' && (
            <>
              <RecalledMood
                mood={state.entry.mood}
                at={state.entry.at}
                corrected={state.corrected}
                onCorrect={correct}
              />
              <Picks {...picks} yourServices={services} />
            </>
          )}
          {/* Its room is kept from the first frame, so what is below does not move when it shows. */}
          {state.kind === 'idle' && !CHOOSING_FILE && (
            <p class="tagline" data-testid="idle-hint" style={recallAsked ? undefined : { visibility: 'hidden' }}>
              {t('idleHint')}
            </p>
          )}
        </section>
      )}
      {view === 'history' && (
        <section id="panel-history" role="tabpanel" aria-labelledby="tab-history" class="popup-panel">
          {history.problem ? (
            <ProblemNotice code={history.problem} action={{ label: t('tryAgain'), run: history.retry }} />
          ) : (
            <>
              {forgetting.problem && <ProblemNotice code={forgetting.problem} />}
              <HistoryView
                entries={history.value?.entries ?? null}
                titles={history.value?.titles ?? new Map()}
                forgetting={forgetting.busy}
                onForget={(id) =>
                  void forgetting.run('storage-failed', async () => {
                    await ask({ type: 'history-forget', id });
                    history.setValue((h) => ({
                      entries: (h?.entries ?? []).filter((e) => e.id !== id),
                      titles: h?.titles ?? new Map(),
                      more: h?.more ?? false,
                    }));
                    // Forgotten means gone from the Mood view too, when that check is the one shown there (or the one
                    // a failed check offers to go back to).
                    setState((s) => (isShownCheck(s) && checkId(s) === id ? { kind: 'idle' } : s));
                    setPrevious((p) => (p && checkId(p) === id ? null : p));
                  })
                }
                onRecall={(entry) => {
                  moodTabFocus.current = true;
                  setView('mood');
                  void recall(entry, false);
                }}
                onOlder={
                  history.value?.more
                    ? () =>
                        void olderHistory.run('storage-unreadable', async () => {
                          const next = historyShown + HISTORY_PAGE;
                          history.setValue(await loadHistory(next));
                          setHistoryShown(next);
                        })
                    : null
                }
                loadingOlder={olderHistory.busy}
              />
              {olderHistory.problem && <ProblemNotice code={olderHistory.problem} />}
            </>
          )}
        </section>
      )}
      {view === 'watchlist' && (
        <section id="panel-watchlist" role="tabpanel" aria-labelledby="tab-watchlist" class="popup-panel">
          {watchlist.writing.problem && <ProblemNotice code={watchlist.writing.problem} />}
          {watchlist.left && (
            <UndoBar
              said={t(
                watchlist.left.signal ? ACTION[watchlist.left.signal].done : 'watchlistRemoved',
                watchlist.left.title,
              )}
              onUndo={watchlist.undo}
              busy={watchlist.writing.busy}
              testId="watchlist-undo"
            />
          )}
          {watchlist.list.problem ? (
            <ProblemNotice code={watchlist.list.problem} action={{ label: t('tryAgain'), run: watchlist.list.retry }} />
          ) : (
            <WatchlistView
              items={watchlist.list.value}
              services={services}
              streams={watchlist.streams}
              onLeave={watchlist.leave}
              focusOn={watchlist.back}
            />
          )}
          <p class="muted leads-to">
            <span>{t('marksElsewhere')}</span>
            <button type="button" onClick={() => openTab('/options.html#marks')} data-testid="open-marks">
              {t('marksTitle')}
            </button>
          </p>
        </section>
      )}

      {settingWrite.problem && (
        <div data-testid="save-problem">
          <ProblemNotice code={settingWrite.problem} />
        </div>
      )}
      <footer class="settings row">
        <label>
          {t('faceDetector')}{' '}
          <select
            value={settings.detector}
            data-testid="detector"
            onChange={(e) => {
              keepSetting('detector', e.currentTarget.value === 'ssd' ? 'ssd' : 'tiny');
            }}
          >
            <option value="tiny">{t('detectorFast')}</option>
            <option value="ssd">{t('detectorAccurate')}</option>
          </select>
        </label>
        <span class="settings-pages">
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-options">
            {t('options')}
          </button>
          <button type="button" onClick={() => openTab('/privacy.html')} data-testid="open-privacy">
            {t('yourData')}
          </button>
        </span>
      </footer>
    </main>
  );
}
