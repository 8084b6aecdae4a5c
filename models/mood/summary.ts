/** A mood check as history keeps it and messages carry it: numbers only, never the image. */
import { hasOnlyKeys, isRecord, isUnit } from '../checks';
import { EMOTIONS, type EmotionProbabilities } from './emotions';

export const MOOD_SOURCES = ['camera', 'tab', 'file', 'video'] as const;
export type MoodSource = (typeof MOOD_SOURCES)[number];

/** A mood check that found faces. */
export interface MoodSummary {
  probabilities: EmotionProbabilities;
  confidence: number;
  faceCount: number;
  source: MoodSource;
}

/** Seven probabilities, one per emotion, each 0..1, nothing else. */
export function isProbabilities(p: unknown): p is EmotionProbabilities {
  return isRecord(p) && hasOnlyKeys(p, EMOTIONS) && EMOTIONS.every((e) => isUnit(p[e]));
}

/** A mood summary from untrusted data, or null when it is not one. */
export function parseMoodSummary(raw: unknown): MoodSummary | null {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['probabilities', 'confidence', 'faceCount', 'source'])) return null;
  if (!isProbabilities(raw.probabilities) || !isUnit(raw.confidence)) return null;
  if (!Number.isInteger(raw.faceCount) || (raw.faceCount as number) < 1 || (raw.faceCount as number) > 100) return null;
  if (!(MOOD_SOURCES as readonly unknown[]).includes(raw.source)) return null;
  return {
    probabilities: raw.probabilities,
    confidence: raw.confidence,
    faceCount: raw.faceCount as number,
    source: raw.source as MoodSource,
  };
}
