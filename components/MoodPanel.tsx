import type { AnalysisResult } from '../models/protocol';
import { EMOTION_EMOJI } from '../models/mood/emotions';
import type { Mood } from '../models/mood/mood';
import { EmotionBars } from './EmotionBars';

type Found = Extract<Mood, { kind: 'mood' }>;

export function MoodPanel({ mood, analysis }: { mood: Found; analysis: AnalysisResult }) {
  return (
    <section class="mood" aria-live="polite" data-testid="mood">
      <p class="mood-head">
        <span class="mood-emoji" aria-hidden="true">
          {EMOTION_EMOJI[mood.dominant]}
        </span>
        <span class="mood-word" data-testid="mood-word">
          {mood.dominant}
        </span>
        <span class="mood-confidence">{Math.round(mood.confidence * 100)}% sure</span>
      </p>
      <EmotionBars probabilities={mood.probabilities} />
      <p class="mood-meta">
        <span data-testid="face-count">{mood.faceCount === 1 ? '1 face' : `${mood.faceCount} faces`}</span>
        {' · '}
        <span data-testid="backend">{analysis.backend}</span>
        {' · '}
        {Math.round(analysis.inferenceMs)} ms
      </p>
    </section>
  );
}
