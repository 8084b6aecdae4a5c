import { EMOTION_EMOJI, ranked } from '../models/mood/emotions';
import type { MoodSource } from '../models/protocol';
import type { HistoryEntry } from '../models/store/schema';

const SOURCE: Record<MoodSource, string> = {
  camera: 'camera',
  tab: 'tab video',
  file: 'image file',
  video: 'video frame',
};

/** Past mood checks, newest first: when, the mood (as corrected, if it was), where from, and the picks shown. */
export function HistoryView({ entries, titles }: { entries: HistoryEntry[] | null; titles: Map<number, string> }) {
  if (entries === null) return <p class="working">Loading…</p>;
  if (entries.length === 0)
    return (
      <p class="working" data-testid="history-empty">
        No mood checks yet. Your checks will be listed here (numbers only, never the picture).
      </p>
    );
  return (
    <ol class="history" data-testid="history">
      {entries.map((e) => {
        const emotion = e.corrected ?? ranked(e.mood.probabilities)[0]!;
        return (
          <li key={e.id} class="history-entry" data-testid="history-entry">
            <p class="history-head">
              <span aria-hidden="true">{EMOTION_EMOJI[emotion]}</span> <strong class="mood-word">{emotion}</strong>
              {e.corrected && <span class="muted"> (corrected)</span>}
              <span class="muted">
                {' · '}
                {SOURCE[e.mood.source]}
                {' · '}
                {e.mood.faceCount === 1 ? '1 face' : `${e.mood.faceCount} faces`}
              </span>
            </p>
            <p class="muted">
              <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString()}</time>
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
