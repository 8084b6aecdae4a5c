import { affectOf } from './circumplex';
import { EMOTIONS, normalise, ranked, zeroProbabilities, type Emotion, type EmotionProbabilities } from './emotions';
import { MAX_FACE_COUNT, MAX_FACES_FOUND, type MoodSource, type MoodSummary } from './summary';
import type { Face } from './faces';
import { DEFAULT_ANALYZER_CONFIG } from '../face/config';
import { chanceRight } from './chance';

/** The mood read from one image: either no usable face, or one mood for everybody in it. */
export type Mood =
  | { kind: 'no-face' }
  | {
      kind: 'mood';
      dominant: Emotion;
      probabilities: EmotionProbabilities;
      /** 0..1: how much to trust `dominant` (see `moodFromFaces`); the ranker's measure of the mood's strength. */
      confidence: number;
      /** The calibrated chance that `dominant` is right (see chance.ts): what the user is told. */
      chance: number;
      valence: number;
      arousal: number;
      /** Faces that took part. */
      faceCount: number;
      /** Faces found, where more were found than took part (a crowd photo reads its largest faces only). */
      facesFound?: number;
    };

/** One picture's faces as read, and how many faces the detector found in it. */
export interface FaceFrame {
  faces: readonly Face[];
  facesFound: number;
}

/** How many faces a mood was read from, and found in the picture where there were more (see `Mood`). */
export type FaceCounts = Pick<MoodSummary, 'faceCount' | 'facesFound'>;

export interface MoodConfig {
  /** Faces the detector is less sure of than this are ignored (noise, not faces). */
  minFaceScore: number;
}

/** The detector's own floor: a face it finds only on its low-threshold retry still counts, weighted by its score. */
export const DEFAULT_MOOD_CONFIG: MoodConfig = { minFaceScore: DEFAULT_ANALYZER_CONFIG.tinyRetryThreshold };

/**
 * How much one face counts in a group: its detection score times the square root of its area. Bigger (nearer)
 * faces count more, but the square root keeps one face in the foreground from silencing the rest of the group.
 */
export function faceWeight(face: Face): number {
  const area = Math.max(0, face.box.width) * Math.max(0, face.box.height);
  return Math.max(0, face.score) * Math.sqrt(area);
}

/** The faces that take part in a mood: found surely enough, with a box. */
export function usableFaces(faces: readonly Face[], config: MoodConfig = DEFAULT_MOOD_CONFIG): Face[] {
  return faces.filter((f) => f.score >= config.minFaceScore && faceWeight(f) > 0);
}

/** What the stated chance reads besides the leading probability: the detail of the faces, weighted as in the mood. */
export function moodDetail(faces: readonly Face[], config: MoodConfig = DEFAULT_MOOD_CONFIG): number {
  const usable = usableFaces(faces, config);
  const total = usable.reduce((sum, f) => sum + faceWeight(f), 0);
  return usable.reduce((sum, f) => sum + faceWeight(f) * f.detail, 0) / total;
}

/**
 * One mood from every face in an image. The group's distribution is the weighted mean of the faces'
 * (weights from `faceWeight`). Confidence is the margin-aware certainty of that distribution,
 * p1 × (1 − p2 / p1) ^ ½ (1 when one emotion takes everything, falling as the runner-up catches up), times the
 * weighted mean detection score, so a blurry face or a split group both read as less sure.
 */
export function moodFromFaces(faces: readonly Face[], config: MoodConfig = DEFAULT_MOOD_CONFIG): Mood {
  const usable = usableFaces(faces, config);
  if (usable.length === 0) return { kind: 'no-face' };

  const sum = zeroProbabilities();
  let totalWeight = 0;
  let weightedScore = 0;
  for (const face of usable) {
    const w = faceWeight(face);
    const p = normalise(face.expressions);
    for (const e of EMOTIONS) sum[e] += w * p[e];
    totalWeight += w;
    weightedScore += w * face.score;
  }
  const probabilities = normalise(sum);
  const [first, second] = ranked(probabilities) as [Emotion, Emotion];
  const p1 = probabilities[first];
  const p2 = probabilities[second];
  const certainty = p1 * Math.sqrt(1 - p2 / p1);
  const confidence = clamp01(certainty * (weightedScore / totalWeight));
  const { valence, arousal } = affectOf(probabilities);
  return {
    kind: 'mood',
    dominant: first,
    probabilities,
    confidence,
    chance: chanceRight(p1, moodDetail(usable, config)),
    valence,
    arousal,
    faceCount: usable.length,
  };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** What history keeps of a mood: its numbers and where it came from, never the image. */
export function moodSummary(mood: Extract<Mood, { kind: 'mood' }>, source: MoodSource): MoodSummary {
  const faceCount = Math.min(MAX_FACE_COUNT, mood.faceCount);
  const found = Math.min(MAX_FACES_FOUND, mood.facesFound ?? 0);
  return {
    probabilities: mood.probabilities,
    confidence: Math.min(1, Math.max(0, mood.confidence)),
    faceCount,
    ...(found > faceCount ? { facesFound: found } : {}),
    source,
  };
}

/**
 * One mood from a short burst of frames (or from one picture): every frame's faces pooled with their usual weights
 * (so the burst's mood is the weighted average of its frames'), counting as many faces as the fullest frame showed.
 * A blink or a half-turned head in one frame no longer decides the mood.
 */
export function moodFromBurst(frames: readonly FaceFrame[], config: MoodConfig = DEFAULT_MOOD_CONFIG): Mood {
  const pooled = moodFromFaces(
    frames.flatMap((f) => f.faces),
    config,
  );
  if (pooled.kind === 'no-face') return pooled;
  const faceCount = Math.max(...frames.map((f) => f.faces.filter((x) => x.score >= config.minFaceScore).length));
  const facesFound = Math.max(...frames.map((f) => f.facesFound));
  return { ...pooled, faceCount, ...(facesFound > faceCount ? { facesFound } : {}) };
}

/** The emotion a kept mood names: the user's correction, where they made one, else the reading's first. */
export function emotionAsMeant(mood: MoodSummary, corrected: Emotion | null | undefined): Emotion {
  return corrected ?? ranked(mood.probabilities)[0]!;
}

/** A kept mood as the user meant it: their correction, where they made one, in place of the reading. */
export function moodAsMeant(mood: MoodSummary, corrected: Emotion | null | undefined): MoodSummary {
  return corrected ? moodSummary(correctedMood(corrected, mood), mood.source) : mood;
}

/** The mood as the user says it is: certain, one emotion (a correction overrides the reading). */
export function correctedMood(emotion: Emotion, faces: FaceCounts): Extract<Mood, { kind: 'mood' }> {
  const probabilities = { ...zeroProbabilities(), [emotion]: 1 };
  const { valence, arousal } = affectOf(probabilities);
  const counts = { faceCount: faces.faceCount, ...(faces.facesFound ? { facesFound: faces.facesFound } : {}) };
  return { kind: 'mood', dominant: emotion, probabilities, confidence: 1, chance: 1, valence, arousal, ...counts };
}
