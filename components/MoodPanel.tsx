import type { AnalysisResult } from '../models/protocol';
import { EMOTION_EMOJI } from '../models/mood/emotions';
import type { Mood } from '../models/mood/mood';
import { EmotionBars } from './EmotionBars';
import { t } from './i18n';

type Found = Extract<Mood, { kind: 'mood' }>;

export function MoodPanel({ mood, analysis }: { mood: Found; analysis: AnalysisResult }) {
  return (
    <section class="mood" aria-live="polite" data-testid="mood">
      <p class="mood-head">
        <span class="mood-emoji" aria-hidden="true">
          {EMOTION_EMOJI[mood.dominant]}
        </span>
        <span class="mood-word" data-testid="mood-word">
          {t(`emotion_${mood.dominant}`)}
        </span>
        <span class="mood-confidence">{t('confidence', Math.round(mood.confidence * 100))}</span>
      </p>
      <EmotionBars probabilities={mood.probabilities} />
      <p class="mood-meta">
        <span data-testid="face-count">{mood.faceCount === 1 ? t('faceOne') : t('faceMany', mood.faceCount)}</span>
        {' · '}
        <span data-testid="backend">{analysis.backend}</span>
        {' · '}
        {Math.round(analysis.inferenceMs)} ms
      </p>
    </section>
  );
}
