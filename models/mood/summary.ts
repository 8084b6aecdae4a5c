/** A mood check as history keeps it and messages carry it: numbers only, never the image. */
import { hasOnlyKeys, isRecord, isUnit } from '../checks';
import { EMOTIONS, type EmotionProbabilities } from './emotions';

/** Where a mood check reads from: the popup's camera, tab or file (a `check-mood`), or a video in the overlay. */
export const CHECK_SOURCES = ['camera', 'tab', 'file'] as const;
export type CheckSource = (typeof CHECK_SOURCES)[number];
export const MOOD_SOURCES = [...CHECK_SOURCES, 'video'] as const;
export type MoodSource = (typeof MOOD_SOURCES)[number];

/** The most faces a kept mood counts, read and found. */
export const MAX_FACE_COUNT = 100;
export const MAX_FACES_FOUND = 1000;

/** A mood check that found faces. */
export interface MoodSummary {
  probabilities: EmotionProbabilities;
  confidence: number;
  faceCount: number;
  /** Faces found in the picture, where more were found than the mood was read from (see `Mood`). */
  facesFound?: number;
  source: MoodSource;
}

/** Seven probabilities, one per emotion, each 0..1, nothing else. */
export function isProbabilities(p: unknown): p is EmotionProbabilities {
  return isRecord(p) && hasOnlyKeys(p, EMOTIONS) && EMOTIONS.every((e) => isUnit(p[e]));
}

/** A mood summary from untrusted data, or null when it is not one. */
export function parseMoodSummary(raw: unknown): MoodSummary | null {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['probabilities', 'confidence', 'faceCount', 'facesFound', 'source'])) {
    return null;
  }
  if (!isProbabilities(raw.probabilities) || !isUnit(raw.confidence)) return null;
  if (!isCount(raw.faceCount, 1, MAX_FACE_COUNT)) return null;
  if (raw.facesFound !== undefined && !isCount(raw.facesFound, raw.faceCount + 1, MAX_FACES_FOUND)) return null;
  if (!(MOOD_SOURCES as readonly unknown[]).includes(raw.source)) return null;
  return {
    probabilities: raw.probabilities,
    confidence: raw.confidence,
    faceCount: raw.faceCount,
    ...(raw.facesFound !== undefined ? { facesFound: raw.facesFound } : {}),
    source: raw.source as MoodSource,
  };
}

function isCount(n: unknown, min: number, max: number): n is number {
  return Number.isInteger(n) && (n as number) >= min && (n as number) <= max;
}
