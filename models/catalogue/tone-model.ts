/**
 * Calibrated tones: one small logistic model per tone turns a film's evidence (its genres and TMDB keywords through
 * the lexicon, the lexical tones of the films its audience also watches, and what people said of those films) into
 * the probability that people who describe the film's feel would name that tone. A probability means the same for every tone, and a tone without
 * evidence stays low: a film is "funny" only when films with its evidence were called funny.
 *
 * The weights (models/weights/tone-model.json) are fitted by `npm run films:fit-tones` on the tuning half of the labelled titles only
 * (scripts/lib/tone-tags.ts); the figures docs/catalogue.md reports come from the other half.
 */
import type { Lexicon } from './lexicon';
import type { LexiconReader } from './profile';
import { TONES, withAffect, zeroTones, type MoodProfile, type Tone, type ToneScores } from './tones';
import { isRecord } from '../checks';
import { sigmoid } from '../probability';

/** Everything a film's tones are predicted from. */
export interface ToneInputs {
  genres: readonly string[];
  keywords: readonly string[];
  /** Similarity-weighted mean lexical tones of the film's watched-together neighbours; null when it has no ratings. */
  neighbours: ToneScores | null;
  /**
   * Of the tagged films it is watched with, the similarity-weighted share whose tags name each tone (fitted data:
   * built offline from the tuning half's tags); null without ratings, and for titles added on the device.
   */
  told: ToneScores | null;
}

export interface ToneModel {
  /** Names of the feature vector's entries, in order (see `toneFeatures`). */
  features: string[];
  weights: Record<Tone, number[]>;
  /**
   * Per tone, the probability from which the tone was right at least 9 times in 10 on the tuning titles (out of
   * fold); null where it never was. A reason names a tone only from there.
   */
  reasonAt: Record<Tone, number | null>;
}

const squash = (x: number) => 1 - Math.exp(-Math.max(0, x));

/** Feature names, in the order `toneFeatures` writes them. */
export const TONE_FEATURES: readonly string[] = [
  'bias',
  ...TONES.map((t) => `genre:${t}`),
  ...TONES.map((t) => `keyword:${t}`),
  ...TONES.map((t) => `neighbours:${t}`),
  ...TONES.map((t) => `told:${t}`),
  'unrated',
];

/** The one feature vector every tone's model reads: squashed genre and keyword evidence per tone, neighbours' tones. */
export function toneFeatures(input: ToneInputs, reader: LexiconReader): Float64Array {
  const genre = reader.toneEvidence({ genres: input.genres, keywords: [] }, { useKeywords: false });
  const keyword = reader.toneEvidence({ genres: [], keywords: input.keywords });
  const x = new Float64Array(TONE_FEATURES.length);
  x[0] = 1;
  TONES.forEach((t, i) => {
    x[1 + i] = squash(genre[t]);
    x[1 + TONES.length + i] = squash(keyword[t]);
    x[1 + 2 * TONES.length + i] = input.neighbours?.[t] ?? 0;
    x[1 + 3 * TONES.length + i] = input.told?.[t] ?? 0;
  });
  x[x.length - 1] = input.neighbours ? 0 : 1;
  return x;
}

/** Probability per tone from a feature vector. */
export function predictTones(model: ToneModel, x: Float64Array): ToneScores {
  const out = zeroTones();
  for (const t of TONES) {
    const w = model.weights[t];
    let z = 0;
    for (let i = 0; i < x.length; i++) z += w[i]! * x[i]!;
    out[t] = sigmoid(z);
  }
  return out;
}

/** Everything that turns a film's facts into its calibrated tones: the lexicon (read) and the fitted model. */
export interface ToneProfiler {
  reader: LexiconReader;
  model: ToneModel;
}

/** A film's calibrated mood profile (tones as probabilities, valence and arousal from them). */
export function calibratedProfile(input: ToneInputs, profiler: ToneProfiler): MoodProfile {
  return withAffect(predictTones(profiler.model, toneFeatures(input, profiler.reader)));
}

/** Where the build puts the profiler data in the extension. */
export const TONE_PROFILER_ASSET = 'weights/tone-profiler.json';

/** The lexicon and tone model as one JSON document: the build writes it, the background reads it when it needs it. */
export interface ToneProfilerData {
  lexicon: Lexicon;
  model: ToneModel;
}

const isWeights = (v: unknown): boolean =>
  isRecord(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));

/** The profiler data if `raw` has its shape (every tone's weights as long as the feature list), else null. */
export function parseToneProfilerData(raw: unknown): ToneProfilerData | null {
  if (!isRecord(raw) || !isRecord(raw.lexicon) || !isRecord(raw.model)) return null;
  const { genres, keywords } = raw.lexicon;
  const { features, weights, reasonAt } = raw.model;
  if (!isRecord(genres) || !Object.values(genres).every(isWeights)) return null;
  if (
    !Array.isArray(keywords) ||
    !keywords.every((k) => Array.isArray(k) && typeof k[0] === 'string' && isWeights(k[1]))
  )
    return null;
  if (!Array.isArray(features) || features.length !== TONE_FEATURES.length || !isRecord(weights) || !isRecord(reasonAt))
    return null;
  for (const t of TONES) {
    const w = weights[t];
    if (!Array.isArray(w) || w.length !== features.length || !w.every((x) => typeof x === 'number')) return null;
  }
  return raw as unknown as ToneProfilerData;
}
