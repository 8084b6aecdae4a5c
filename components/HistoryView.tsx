import { EMOTION_EMOJI, ranked } from '../models/mood/emotions';
import type { MoodSource } from '../models/mood/summary';
import type { HistoryEntry } from '../models/store/schema';
import { formatDateTime, plural, t, type MessageKey } from './i18n';

const SOURCE: Record<MoodSource, MessageKey> = {
  camera: 'sourceCamera',
  tab: 'sourceTab',
  file: 'sourceFile',
  video: 'sourceVideo',
};

/** Past mood checks, newest first: when, the mood (as corrected, if it was), where from, and the picks shown. */
export function HistoryView({ entries, titles }: { entries: HistoryEntry[] | null; titles: Map<number, string> }) {
  if (entries === null) return <p class="working">{t('loading')}</p>;
  if (entries.length === 0)
    return (
      <p class="working" data-testid="history-empty">
        {t('historyEmpty')}
      </p>
    );
  return (
    <ol class="history" data-testid="history">
      {entries.map((e) => {
        const emotion = e.corrected ?? ranked(e.mood.probabilities)[0]!;
        return (
          <li key={e.id} class="history-entry" data-testid="history-entry">
            <p class="history-head">
              <span aria-hidden="true">{EMOTION_EMOJI[emotion]}</span>{' '}
              <strong class="mood-word">{t(`emotion_${emotion}`)}</strong>
              {e.corrected && <span class="muted"> {t('historyCorrected')}</span>}
              <span class="muted">
                {' · '}
                {t(SOURCE[e.mood.source])}
                {' · '}
                {plural('faces', e.mood.faceCount)}
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
          </li>
        );
      })}
    </ol>
  );
}
