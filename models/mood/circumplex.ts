import { EMOTIONS, type Emotion, type EmotionProbabilities } from './emotions';

/**
 * Where each expression sits on Russell's circumplex of affect (J. A. Russell, "A circumplex model of affect",
 * Journal of Personality and Social Psychology 39(6), 1980, 1161–1178). Russell placed 28 affect words on a circle
 * whose horizontal axis is valence (pleasure) and vertical axis arousal; we take the angle of the word closest to
 * each expression from his direct circular scaling and put the expression on the unit circle there:
 *
 * | expression | Russell's word | angle |
 * |---|---|---|
 * | happy     | happy       |   7.8° |
 * | surprised | astonished  |  69.8° |
 * | angry     | angry       |  99.0° |
 * | fearful   | afraid      | 116.0° |
 * | disgusted | (none; placed by us between annoyed 123° and distressed 138°) | 130.0° |
 * | sad       | sad         | 207.5° |
 * | neutral   | (the origin: no affect) | — |
 *
 * Valence = cos(angle), arousal = sin(angle), both in [-1, 1].
 */
export const CIRCUMPLEX_ANGLE_DEG: Record<Exclude<Emotion, 'neutral'>, number> = {
  happy: 7.8,
  surprised: 69.8,
  angry: 99.0,
  fearful: 116.0,
  disgusted: 130.0,
  sad: 207.5,
};

export interface Affect {
  /** Unpleasant (-1) to pleasant (+1). */
  valence: number;
  /** Calm (-1) to activated (+1). */
  arousal: number;
}

export function emotionAffect(emotion: Emotion): Affect {
  if (emotion === 'neutral') return { valence: 0, arousal: 0 };
  const rad = (CIRCUMPLEX_ANGLE_DEG[emotion] * Math.PI) / 180;
  return { valence: Math.cos(rad), arousal: Math.sin(rad) };
}

/** The expected position on the circumplex under a distribution over expressions. */
export function affectOf(p: EmotionProbabilities): Affect {
  let valence = 0;
  let arousal = 0;
  for (const e of EMOTIONS) {
    const a = emotionAffect(e);
    valence += p[e] * a.valence;
    arousal += p[e] * a.arousal;
  }
  return { valence, arousal };
}
