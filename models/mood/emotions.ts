/** The seven expressions face-api's FaceExpressionNet scores, in its output order. */
export const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

export type Emotion = (typeof EMOTIONS)[number];

/** One probability per emotion; the values sum to 1 (within rounding). */
export type EmotionProbabilities = Record<Emotion, number>;

export const EMOTION_EMOJI: Record<Emotion, string> = {
  neutral: '😐',
  happy: '😄',
  sad: '😢',
  angry: '😠',
  fearful: '😨',
  disgusted: '🤢',
  surprised: '😲',
};

/** A distribution with every emotion at zero, for sums. */
export function zeroProbabilities(): EmotionProbabilities {
  return { neutral: 0, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 };
}

/** Scales non-negative scores to sum to 1; an all-zero input becomes certain neutral. */
export function normalise(scores: EmotionProbabilities): EmotionProbabilities {
  const out = zeroProbabilities();
  let total = 0;
  for (const e of EMOTIONS) total += Math.max(0, scores[e]);
  if (total <= 0) return { ...out, neutral: 1 };
  for (const e of EMOTIONS) out[e] = Math.max(0, scores[e]) / total;
  return out;
}

/** Emotions sorted by probability, highest first; ties keep EMOTIONS order so results are stable. */
export function ranked(p: EmotionProbabilities): Emotion[] {
  return [...EMOTIONS].sort((a, b) => p[b] - p[a]);
}
