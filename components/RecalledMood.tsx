/**
 * A check made earlier, shown again (the popup reopened soon after it, or "Picks for this mood" in History): the mood
 * in one line with when it was read, the correction, and the bars behind "Details". History keeps numbers only, so
 * there is no snapshot to show.
 */
import { EMOTION_EMOJI, type Emotion } from '../models/mood/emotions';
import { emotionAsMeant } from '../models/mood/mood';
import type { MoodSummary } from '../models/mood/summary';
import { EmotionBars } from './EmotionBars';
import { formatAgo, t } from './i18n';
import { faceCountText } from './faceCount';
import { MoodCorrection } from './MoodCorrection';
import { SOURCE_WORDS } from './sourceWords';

export function RecalledMood({
  mood,
  at,
  corrected,
  onCorrect,
}: {
  mood: MoodSummary;
  at: number;
  corrected: Emotion | null;
  onCorrect: (emotion: Emotion) => void;
}) {
  const shown = emotionAsMeant(mood, corrected);
  return (
    <section class="mood" aria-live="polite" data-testid="mood" data-recalled="true">
      <p class="mood-head">
        <span class="mood-emoji" aria-hidden="true">
          {EMOTION_EMOJI[shown]}
        </span>
        <span class="mood-word" data-testid="mood-word">
          {t(`emotion_${shown}`)}
        </span>
        {/* Where it was read and when: a frame of a film read on Netflix is not a face at the camera. */}
        <span class="mood-confidence" data-testid="mood-when">
          {t(SOURCE_WORDS[mood.source])} · {formatAgo(at)}
        </span>
      </p>
      <MoodCorrection askFirst={false} corrected={corrected} onCorrect={onCorrect} />
      <details class="mood-details" data-testid="mood-details">
        <summary>{t('moodDetails')}</summary>
        <EmotionBars probabilities={mood.probabilities} />
        <p class="mood-meta">
          <span data-testid="face-count">{faceCountText(mood)}</span>
        </p>
      </details>
    </section>
  );
}
