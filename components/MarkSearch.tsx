/**
 * "Tell Moodreel about a film you know": a title search over the catalogue (as you type) with the picks' five marks on
 * each title found, so a user can teach their taste before, or besides, a mood check.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Movie } from '../models/catalogue/movie';
import { displayTitle, searchKey } from '../models/catalogue/movie';
import type { FeedbackSignal } from '../models/learning/signals';
import { MAX_QUERY_LENGTH, type BackgroundClient } from '../models/protocol';
import { problemCodeOf, type ProblemCode } from '../models/problems';
import { ACTION, ACTIONS } from './feedbackActions';
import { genreList, t } from './i18n';
import { ProblemNotice } from './ProblemNotice';
import { useAction } from './useAction';
import { WaitButton } from './WaitButton';

/** Titles shown per search; the most rated first, so a known film is near the top. */
const FOUND = 8;
/** A pause in typing before the search runs, so each key does not ask the catalogue. */
const TYPING_MS = 200;
/** A search slower than this says it is looking (the first one after an install reads the shipped titles first). */
const SLOW_MS = 400;

/**
 * `onMarked`: a mark was given here (the list of marks below changed); `marksChanged` counts changes made elsewhere
 * (marks taken back below, or the page shown again after another tab): the titles found say what they carry now.
 */
export function MarkSearch({
  ask,
  onMarked,
  marksChanged,
}: {
  ask: BackgroundClient;
  onMarked: () => void;
  marksChanged: number;
}) {
  const [query, setQuery] = useState('');
  /** The titles found for `for`; null before a search (or under two letters). */
  const [found, setFound] = useState<{ for: string; movies: Movie[] } | null>(null);
  const [problem, setProblem] = useState<ProblemCode | null>(null);
  /** The query of a search still running after SLOW_MS. */
  const [slow, setSlow] = useState<string | null>(null);
  /** The user's marks on the titles found (stored, or given here since), by title. */
  const [given, setGiven] = useState<Record<number, FeedbackSignal>>({});
  const marking = useAction();

  useEffect(() => {
    const q = query.trim().slice(0, MAX_QUERY_LENGTH);
    setProblem(null);
    // One letter matches thousands of titles: wait for a second.
    if (q.length < 2) {
      setFound(null);
      return;
    }
    // Nothing a title could match (the catalogue's titles are in Latin letters): said at once.
    if (searchKey(q).length < 2) {
      setFound({ for: q, movies: [] });
      return;
    }
    let current = true;
    let slowTimer: ReturnType<typeof setTimeout> | undefined;
    async function search() {
      slowTimer = setTimeout(() => current && setSlow(q), SLOW_MS);
      try {
        const movies = await ask({ type: 'movies-search', query: q, limit: FOUND });
        // What each title found was given before, here or in the picks, so a known film says so.
        const marks = await ask({ type: 'marks-of', movieIds: movies.map((m) => m.movieId) });
        if (!current) return;
        setFound({ for: q, movies });
        setGiven(marks);
      } catch (error) {
        console.warn('Moodreel: search failed', error);
        if (current) setProblem(problemCodeOf(error, 'catalogue-failed'));
      } finally {
        clearTimeout(slowTimer);
        if (current) setSlow(null);
      }
    }
    const timer = setTimeout(() => void search(), TYPING_MS);
    return () => {
      current = false;
      clearTimeout(timer);
      clearTimeout(slowTimer);
      setSlow(null);
    };
  }, [query, marksChanged]);

  const give = (movieId: number, signal: FeedbackSignal) =>
    void marking.run('storage-failed', async () => {
      await ask({ type: 'feedback', movieId, signal, mood: null });
      setGiven((g) => ({ ...g, [movieId]: signal }));
      onMarked();
    });

  return (
    <div class="mark-search">
      <p>
        <label>
          {t('marksSearch')}{' '}
          <input
            type="search"
            value={query}
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t('marksSearchHint')}
            onInput={(e) => setQuery(e.currentTarget.value)}
            data-testid="marks-search"
          />
        </label>
      </p>
      {problem && <ProblemNotice code={problem} />}
      {slow && (
        <p class="working" role="status" data-testid="marks-searching">
          {t('marksSearching', slow)}
        </p>
      )}
      {found && !problem && found.movies.length === 0 && (
        <p class="muted" role="status" data-testid="marks-search-none">
          {t('marksSearchNone', found.for)}
        </p>
      )}
      {found && !problem && found.movies.length > 0 && (
        <ul class="marks" data-testid="marks-found">
          {found.movies.map((m) => {
            const title = displayTitle(m.title);
            const mark = given[m.movieId];
            return (
              <li key={m.movieId} data-testid="found" data-movie-id={m.movieId} data-marked={mark}>
                <span>
                  <strong>{title}</strong> {m.year && <span class="muted">({m.year})</span>}
                  <br />
                  <span class="muted">{mark ? t(ACTION[mark].mark) : genreList(m.genres.slice(0, 3))}</span>
                </span>
                <span class="pick-actions" role="group" aria-label={t('feedbackOn', title)}>
                  {ACTIONS.map((a) => (
                    <WaitButton
                      key={a.signal}
                      class={mark === a.signal ? 'icon primary' : 'icon'}
                      waiting={marking.busy}
                      title={t(a.label)}
                      aria-label={t('actionOn', t(a.label), title)}
                      aria-pressed={mark === a.signal}
                      data-signal={a.signal}
                      onClick={() => give(m.movieId, a.signal)}
                    >
                      {a.icon}
                    </WaitButton>
                  ))}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {marking.problem && <ProblemNotice code={marking.problem} />}
    </div>
  );
}
