import { EMOTION_EMOJI } from '../models/mood/emotions';
import { emotionAsMeant } from '../models/mood/mood';
import type { StoredHistoryEntry } from '../models/store/schema';
import { formatDateTime, t } from './i18n';
import { faceCountText } from './faceCount';
import { SOURCE_WORDS } from './sourceWords';
import { ConfirmButton } from './ConfirmButton';
import { ListPanel } from './ListPanel';
import { WaitButton } from './WaitButton';
import { useMoreFocus } from './useMoreFocus';

interface HistoryListProps {
  entries: StoredHistoryEntry[];
  titles: Map<number, string>;
  onForget: (id: number) => void;
  /** "Picks for this mood": the check back in the Mood view. */
  onRecall: (entry: StoredHistoryEntry) => void;
  /** A check being forgotten: the Forget buttons wait. */
  forgetting: boolean;
  /** "Older checks", where there may be some; null where all are listed. */
  onOlder: (() => void) | null;
  loadingOlder: boolean;
}

/**
 * Past mood checks, newest first: when, the mood (as corrected, if it was), where from, and the picks shown; each can
 * bring its mood's picks back or be forgotten. "Older checks" below lists more where there may be some.
 */
export function HistoryView({
  entries,
  ...rest
}: Omit<HistoryListProps, 'entries'> & { entries: StoredHistoryEntry[] | null }) {
  return (
    <ListPanel
      items={entries}
      itemSelector='[data-testid="history-entry"]'
      empty={t('historyEmpty')}
      emptyTestId="history-empty"
    >
      {(items) => <HistoryList entries={items} {...rest} />}
    </ListPanel>
  );
}

function HistoryList({ entries, titles, onForget, onRecall, forgetting, onOlder, loadingOlder }: HistoryListProps) {
  const more = useMoreFocus<HTMLOListElement>(entries.length, '[data-testid="history-recall"]');
  return (
    <>
      <ol class="history" data-testid="history" ref={more.ref}>
        {entries.map((e) => {
          const emotion = emotionAsMeant(e.mood, e.corrected);
          return (
            <li key={e.id} class="history-entry" data-testid="history-entry" data-history-id={e.id}>
              <p class="history-head">
                <span aria-hidden="true">{EMOTION_EMOJI[emotion]}</span>{' '}
                <strong class="mood-word">{t(`emotion_${emotion}`)}</strong>
                {e.corrected && <span class="muted"> {t('historyCorrected')}</span>}
                <span class="muted">
                  {' · '}
                  {t(SOURCE_WORDS[e.mood.source])}
                  {' · '}
                  {faceCountText(e.mood)}
                </span>
              </p>
              <p class="muted">
                <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
              </p>
              {e.picks.length > 0 && (
                <p class="history-picks">
                  {e.picks
                    .slice(0, 5)
                    .map((id) => titles.get(id))
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              )}
              <p class="history-actions">
                <button
                  type="button"
                  onClick={() => onRecall(e)}
                  aria-label={t('historyRecallLabel', formatDateTime(e.at))}
                  data-testid="history-recall"
                >
                  {t('historyRecall')}
                </button>
                <ConfirmButton
                  label={t('historyForget')}
                  ariaLabel={t('historyForgetLabel', formatDateTime(e.at))}
                  confirmLabel={t('historyForgetConfirm')}
                  keepLabel={t('historyForgetKeep')}
                  onConfirm={() => onForget(e.id)}
                  waiting={forgetting}
                  testId="history-forget"
                />
              </p>
            </li>
          );
        })}
      </ol>
      {onOlder && (
        <p>
          <WaitButton
            waiting={loadingOlder}
            data-testid="history-older"
            onClick={() => {
              more.onMore();
              onOlder();
            }}
          >
            {t('historyOlder')}
          </WaitButton>
        </p>
      )}
    </>
  );
}
