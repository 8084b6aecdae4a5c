/**
 * Looks compared: raw look vectors (look.ts) standardised with the catalogue's own means and spreads, so every
 * feature counts alike; the shipped file of film looks (int8, `public/catalogue/looks.json`); nearness; and the words
 * a look can honestly be described with.
 *
 * A film with two different posters keeps both looks and is as near a picture as the nearer of them: a capture shows
 * one poster, and the average of two different artworks looks like neither (see docs/recommendations.md).
 */
import { LOOK_FEATURES, LOOK_SIZE, type LookFeature } from './look';

export const LOOKS_FORMAT = 1;
/** Standardised values are stored as round(z × QUANT) in int8: ±4 standard deviations fit. */
export const QUANT = 31;

/** The shipped film looks. */
export interface LooksFile {
  format: typeof LOOKS_FORMAT;
  features: readonly string[];
  /** The catalogue's mean and standard deviation of each raw feature. */
  mean: number[];
  std: number[];
  /**
   * How much each standardised feature counts in a distance: the inverse of how much it moves when a poster is
   * screen-captured (fitted on the tuning part of the titles by look:build), mean 1.
   */
  weights: number[];
  quant: number;
  /** One per look: a film with two posters is listed twice. */
  movieIds: number[];
  /** int8 × LOOK_SIZE per look, movieIds' order, base64. */
  vectors: string;
}

/** Looks in memory: standardised vectors by movieId. */
export interface LookIndex {
  mean: Float32Array;
  std: Float32Array;
  weights: Float32Array;
  /** The film of each row. */
  movieIds: Int32Array;
  /** LOOK_SIZE per row. */
  vectors: Float32Array;
  /** Each film's rows. */
  rows: Map<number, number[]>;
}

export function standardize(raw: Float32Array, index: Pick<LookIndex, 'mean' | 'std'>): Float32Array {
  return raw.map((v, k) => (v - index.mean[k]!) / index.std[k]!);
}

export function quantize(z: Float32Array): Int8Array {
  return Int8Array.from(z, (v) => Math.max(-127, Math.min(127, Math.round(v * QUANT))));
}

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The file for raw looks by movieId, one or more per film (the catalogue build). */
export function packLooks(
  looks: ReadonlyMap<number, readonly Float32Array[]>,
  weights: ArrayLike<number> = new Float32Array(LOOK_SIZE).fill(1),
): LooksFile {
  const rows = [...looks.keys()].sort((a, b) => a - b).flatMap((id) => looks.get(id)!.map((look) => ({ id, look })));
  const mean = new Float64Array(LOOK_SIZE);
  const sq = new Float64Array(LOOK_SIZE);
  for (const { look } of rows) {
    for (let k = 0; k < LOOK_SIZE; k++) {
      mean[k] = mean[k]! + look[k]!;
      sq[k] = sq[k]! + look[k]! ** 2;
    }
  }
  const m = Float32Array.from(mean, (s) => s / rows.length);
  const sd = Float32Array.from(sq, (s, k) => Math.sqrt(Math.max(1e-12, s / rows.length - m[k]! ** 2)));
  const bytes = new Int8Array(rows.length * LOOK_SIZE);
  rows.forEach(({ look }, i) => bytes.set(quantize(standardize(look, { mean: m, std: sd })), i * LOOK_SIZE));
  const round = (v: number) => Number(v.toPrecision(6));
  return {
    format: LOOKS_FORMAT,
    features: LOOK_FEATURES,
    mean: Array.from(m, round),
    std: Array.from(sd, round),
    weights: Array.from(weights, round),
    quant: QUANT,
    movieIds: rows.map((r) => r.id),
    vectors: toBase64(new Uint8Array(bytes.buffer)),
  };
}

/** Reads the shipped file; throws on one that does not match this code's features. */
export function unpackLooks(file: LooksFile): LookIndex {
  if (file.format !== LOOKS_FORMAT || file.features.join() !== LOOK_FEATURES.join())
    throw new Error('The looks file does not match this version of Moodreel');
  const bytes = new Int8Array(fromBase64(file.vectors).buffer);
  if (bytes.length !== file.movieIds.length * LOOK_SIZE) throw new Error('The looks file is cut short');
  const vectors = Float32Array.from(bytes, (q) => q / file.quant);
  const rows = new Map<number, number[]>();
  file.movieIds.forEach((id, i) => rows.set(id, [...(rows.get(id) ?? []), i]));
  return {
    mean: Float32Array.from(file.mean),
    std: Float32Array.from(file.std),
    weights: Float32Array.from(file.weights),
    movieIds: Int32Array.from(file.movieIds),
    vectors,
    rows,
  };
}

/**
 * The index with more films' looks (raw, by movieId; e.g. posters measured on the device): only films the index has
 * no look for are added, standardised with the index's own means and spreads.
 */
export function withLooks(index: LookIndex, raw: ReadonlyMap<number, ArrayLike<number>>): LookIndex {
  const added = [...raw].filter(([id]) => !index.rows.has(id));
  if (added.length === 0) return index;
  const n = index.movieIds.length;
  const vectors = new Float32Array((n + added.length) * LOOK_SIZE);
  vectors.set(index.vectors);
  const rows = new Map(index.rows);
  added.forEach(([id, look], i) => {
    vectors.set(standardize(Float32Array.from(look), index), (n + i) * LOOK_SIZE);
    rows.set(id, [n + i]);
  });
  return {
    ...index,
    movieIds: Int32Array.from([...index.movieIds, ...added.map(([id]) => id)]),
    vectors,
    rows,
  };
}

/** Weighted squared distance between a standardised look and the index's row `i`. */
export function distance2(z: Float32Array, index: LookIndex, i: number): number {
  let d = 0;
  for (let k = 0, o = i * LOOK_SIZE; k < LOOK_SIZE; k++, o++) d += index.weights[k]! * (z[k]! - index.vectors[o]!) ** 2;
  return d;
}

/** Every film's nearer look (poster) to a standardised look: its row and squared distance, by movieId. */
export function nearestLooks(z: Float32Array, index: LookIndex): Map<number, { d2: number; row: number }> {
  const out = new Map<number, { d2: number; row: number }>();
  for (let i = 0; i < index.movieIds.length; i++) {
    const id = index.movieIds[i]!;
    const d2 = distance2(z, index, i);
    const before = out.get(id);
    if (!before || d2 < before.d2) out.set(id, { d2, row: i });
  }
  return out;
}

/** The median squared distance between two films of the index (a fixed sample of pairs, so it is the same each run). */
export function typicalDistance2(index: LookIndex): number {
  const n = index.movieIds.length;
  if (n < 2) return LOOK_SIZE * 2;
  const ds: number[] = [];
  for (let k = 0; k < 2000; k++) {
    const i = (k * 7919) % n;
    const j = (k * 104729 + 1) % n;
    if (i !== j) ds.push(distance2(index.vectors.subarray(i * LOOK_SIZE, (i + 1) * LOOK_SIZE), index, j));
  }
  ds.sort((a, b) => a - b);
  return ds[Math.floor(ds.length / 2)]!;
}

/** Words for a look, each standing for one standardised feature past a threshold. */
export const LOOK_WORDS = [
  'dark',
  'bright',
  'highContrast',
  'soft',
  'colourful',
  'muted',
  'warm',
  'blue',
  'green',
] as const;
export type LookWord = (typeof LOOK_WORDS)[number];

const at = (z: Float32Array, f: LookFeature) => z[LOOK_FEATURES.indexOf(f)]!;
/** How far from the catalogue's middle (in standard deviations) a feature must be for its word to be true. */
const WORD_AT = 0.75;

/** The words that are true of a standardised look, strongest first, at most `max`. */
export function lookWords(z: Float32Array, max = 3): LookWord[] {
  const candidates: [LookWord, number][] = [
    ['dark', -at(z, 'lightness')],
    ['bright', at(z, 'lightness')],
    ['highContrast', at(z, 'contrast')],
    ['soft', -at(z, 'contrast')],
    ['colourful', at(z, 'colourfulness')],
    ['muted', -at(z, 'colourfulness')],
    ['warm', at(z, 'warmShare')],
    ['blue', at(z, 'coolShare')],
    ['green', at(z, 'hueGreen')],
  ];
  return candidates
    .filter(([, v]) => v >= WORD_AT)
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([w]) => w);
}
