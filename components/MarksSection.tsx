/**
 * "Titles you've marked" (the options page): each title the user gave a 👍 👎 👁 🔖 🚫, the latest mark first, with a
 * way to take the mark back once the popup's Undo is gone. A marked title is never picked; taken back, it may be
 * again, and what it taught the taste model and the mood map is unlearned.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FeedbackSignal } from '../models/learning/signals';
import { displayTitle } from '../models/catalogue/movie';
import type { BackgroundClient } from '../models/protocol';
import type { ProblemCode } from '../models/problems';
import { problemCodeOf } from '../models/problems';
import type { GivenMark, Mark } from '../models/store/user';
import { ConfirmButton } from './ConfirmButton';
import { formatDateTime, t } from './i18n';
import { ACTION, ACTIONS } from './feedbackActions';
import { ListPanel } from './ListPanel';
import { MarkSearch } from './MarkSearch';
import { ProblemNotice } from './ProblemNotice';
import { useAction } from './useAction';
import { useMoreFocus } from './useMoreFocus';
import { useOnReturn } from './useOnReturn';
import { WaitButton } from './WaitButton';

/** How many more titles "More" lists. */
const PAGE = 20;

/**
 * `onChanged`: a mark was taken back or put back (what the page shows of the learned taste, e.g. the mood map,
 * changed).
 */
export function MarksSection({ ask, onChanged }: { ask: BackgroundClient; onChanged?: () => void }) {
  const [only, setOnly] = useState<FeedbackSignal | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [listed, setListed] = useState<{ marks: Mark[]; more: boolean } | null>(null);
  const [problem, setProblem] = useState<ProblemCode | null>(null);
  const [attempt, setAttempt] = useState(0);
  /** Counts returns to the page: marks may have been given or taken back in another tab meanwhile. */
  const [returned, setReturned] = useState(0);
  useOnReturn(() => setReturned((n) => n + 1));
  /**
   * The title whose mark was just taken back (with the marks, for its Undo) or put back, said once in a status line;
   * and how many marks changed here.
   */
  const [said, setSaid] = useState<{ title: string; movieId: number; marks: GivenMark[]; restored: boolean } | null>(
    null,
  );
  const [changedHere, setChangedHere] = useState(0);
  const status = useRef<HTMLParagraphElement>(null);
  const forgetting = useAction();
  /** "More" pressed and its titles not come yet. */
  const [loadingMore, setLoadingMore] = useState(false);
  const more = useMoreFocus<HTMLUListElement>(listed?.marks.length ?? 0, '[data-testid="mark-forget"]');

  useEffect(() => {
    let current = true;
    setProblem(null);
    ask({ type: 'marks-list', limit, only })
      .then(
        (answer) => current && setListed(answer),
        (error: unknown) => {
          console.warn('Moodreel: marks not read', error);
          if (current) setProblem(problemCodeOf(error, 'storage-unreadable'));
        },
      )
      .finally(() => current && setLoadingMore(false));
    return () => {
      current = false;
    };
  }, [limit, only, attempt, returned]);

  // Opened for the marks (the popup's Watchlist tab links here): the section is brought into view, the keyboard on its
  // heading, once its list is there (the sections above have their height by then).
  const heading = useRef<HTMLHeadingElement>(null);
  const arrived = listed !== null;
  useEffect(() => {
    if (!arrived || location.hash !== '#marks') return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [arrived]);

  /** Marks taken back or put back: the page's learned taste and the list as they are now, then the status line. */
  const changed = async (next: NonNullable<typeof said>) => {
    onChanged?.();
    // The list as it is now (a mark given meanwhile in the popup shows too), as long as it was.
    setListed(await ask({ type: 'marks-list', limit, only }));
    setSaid(next);
    setChangedHere((n) => n + 1);
  };

  const forget = (mark: Mark) =>
    void forgetting.run('storage-failed', async () => {
      const { movieId } = mark.movie;
      const { forgotten } = await ask({ type: 'mark-forget', movieId });
      await changed({ title: displayTitle(mark.movie.title), movieId, marks: forgotten, restored: false });
    });

  const undo = () =>
    void forgetting.run('storage-failed', async () => {
      if (!said || said.restored || said.marks.length === 0) return;
      await ask({ type: 'feedback-restore', events: said.marks });
      await changed({ ...said, restored: true });
    });

  // Put back, the keyboard goes to the title's row again (or to the status line where the row is not listed).
  useEffect(() => {
    if (!said?.restored) return;
    const row = more.ref.current?.querySelector<HTMLElement>(
      `[data-movie-id="${said.movieId}"] [data-testid="mark-forget"]`,
    );
    (row ?? status.current)?.focus();
  }, [said]);

  return (
    <section class="mood" id="marks" aria-labelledby="marks-h">
      <h2 id="marks-h" tabIndex={-1} ref={heading}>
        {t('marksTitle')}
      </h2>
      <p>{t('marksWhat')}</p>
      <MarkSearch ask={ask} onMarked={() => setAttempt((a) => a + 1)} marksChanged={changedHere + returned} />
      <p>
        <label>
          {t('marksShow')}{' '}
          <select
            data-testid="marks-only"
            value={only ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setOnly(ACTIONS.find((m) => m.signal === value)?.signal ?? null);
              setLimit(PAGE);
              setListed(null);
            }}
          >
            <option value="">{t('marksAll')}</option>
            {ACTIONS.map((m) => (
              <option key={m.signal} value={m.signal}>
                {t(m.mark)}
              </option>
            ))}
          </select>
        </label>
      </p>
      {problem ? (
        <ProblemNotice code={problem} action={{ label: t('tryAgain'), run: () => setAttempt((a) => a + 1) }} />
      ) : (
        <ListPanel
          items={listed?.marks ?? null}
          itemSelector='[data-testid="mark"]'
          empty={t(only ? 'marksEmptyOf' : 'marksEmpty')}
          emptyTestId="marks-empty"
        >
          {(marks) => (
            <ul class="marks" data-testid="marks" ref={more.ref}>
              {marks.map((m) => {
                const title = displayTitle(m.movie.title);
                return (
                  <li key={m.movie.movieId} data-testid="mark" data-movie-id={m.movie.movieId} data-signal={m.signal}>
                    <span>
                      {t(ACTION[m.signal].mark)}
                      {' · '}
                      <strong>{title}</strong> {m.movie.year && <span class="muted">({m.movie.year})</span>}
                      <br />
                      <time class="muted" dateTime={new Date(m.at).toISOString()}>
                        {formatDateTime(m.at)}
                      </time>
                    </span>
                    <ConfirmButton
                      label={t('marksForget')}
                      ariaLabel={t('marksForgetLabel', title)}
                      confirmLabel={t('marksForgetConfirm')}
                      keepLabel={t('marksForgetKeep')}
                      onConfirm={() => forget(m)}
                      waiting={forgetting.busy}
                      testId="mark-forget"
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </ListPanel>
      )}
      {listed?.more && !problem && (
        <p>
          <WaitButton
            waiting={loadingMore}
            data-testid="marks-more"
            onClick={() => {
              more.onMore();
              setLoadingMore(true);
              setLimit((l) => l + PAGE);
            }}
          >
            {t('marksMore')}
          </WaitButton>
        </p>
      )}
      {said && (
        <p class="leads-to" role="status" data-testid="marks-taken-back" tabIndex={-1} ref={status}>
          <span>{t(said.restored ? 'marksRestored' : 'marksTakenBack', said.title)}</span>{' '}
          {!said.restored && said.marks.length > 0 && (
            <WaitButton onClick={undo} waiting={forgetting.busy} data-testid="marks-undo">
              {t('undo')}
            </WaitButton>
          )}
        </p>
      )}
      {forgetting.problem && <ProblemNotice code={forgetting.problem} />}
    </section>
  );
}
