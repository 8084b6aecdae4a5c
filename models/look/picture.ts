/**
 * The look of the user's picture against the films' looks, for one ranking: how alike each film looks (0..1, null for
 * a film without a poster look, which the look term leaves alone) and the words true of both.
 */
import type { Movie } from '../catalogue/movie';
import { LOOK_SIZE } from './look';
import { distance2, lookWords, LOOK_WORDS, standardize, type LookIndex, type LookWord } from './look-index';

export interface PictureLook {
  /** The picture's own words. */
  words: LookWord[];
  likeness(movieId: number): number | null;
  /** `likeness` of every title of a catalogue, by position (NaN for a film without a poster look): for a ranker. */
  likenessOf(movies: readonly Movie[]): Float64Array;
  /** Words true of the picture and of the film's nearer poster. */
  sharedWords(movieId: number): LookWord[];
}

/** A raw look as sent in a message: LOOK_SIZE finite numbers. */
export function isRawLook(x: unknown): x is number[] {
  return Array.isArray(x) && x.length === LOOK_SIZE && x.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/** The mean of the looks of a burst's frames (those that had any picture left to measure), or null. */
export function meanLook(looks: readonly (readonly number[] | null)[]): number[] | null {
  const found = looks.filter((l): l is readonly number[] => l !== null);
  if (found.length === 0) return null;
  return Array.from({ length: LOOK_SIZE }, (_, k) => found.reduce((s, l) => s + l[k]!, 0) / found.length);
}

/** Each catalogue position's rows of the index (CSR: rows[offsets[i]..offsets[i+1])), built once per pair. */
const rowsByPosition = new WeakMap<LookIndex, WeakMap<readonly Movie[], { offsets: Int32Array; rows: Int32Array }>>();

function positionRows(index: LookIndex, movies: readonly Movie[]) {
  let byMovies = rowsByPosition.get(index);
  if (!byMovies) rowsByPosition.set(index, (byMovies = new WeakMap()));
  let found = byMovies.get(movies);
  if (!found) {
    const offsets = new Int32Array(movies.length + 1);
    const rows: number[] = [];
    movies.forEach((m, i) => {
      rows.push(...(index.rows.get(m.movieId) ?? []));
      offsets[i + 1] = rows.length;
    });
    byMovies.set(movies, (found = { offsets, rows: Int32Array.from(rows) }));
  }
  return found;
}

/** `typical`: the index's median squared distance between two films (`typicalDistance2`), where likeness is ½. */
export function pictureLook(raw: readonly number[], index: LookIndex, typical: number): PictureLook {
  const z = standardize(Float32Array.from(raw), index);
  // One distance per poster look, then a film is as near as its nearer poster (looked up, not a map built per call).
  const d2 = new Float64Array(index.movieIds.length);
  for (let i = 0; i < d2.length; i++) d2[i] = distance2(z, index, i);
  // The nearer of a film's posters: rows[from..to).
  const nearest = (rows: ArrayLike<number>, from: number, to: number): number => {
    let best = rows[from]!;
    for (let o = from + 1; o < to; o++) if (d2[rows[o]!]! < d2[best]!) best = rows[o]!;
    return best;
  };
  const nearestRow = (movieId: number): number | null => {
    const rows = index.rows.get(movieId);
    return rows ? nearest(rows, 0, rows.length) : null;
  };
  const likenessAt = (row: number) => 1 / (1 + d2[row]! / typical);
  const words = lookWords(z);
  return {
    words,
    likeness(movieId) {
      const row = nearestRow(movieId);
      return row === null ? null : likenessAt(row);
    },
    likenessOf(movies) {
      const { offsets, rows } = positionRows(index, movies);
      const out = new Float64Array(movies.length).fill(NaN);
      for (let i = 0; i < movies.length; i++)
        if (offsets[i]! < offsets[i + 1]!) out[i] = likenessAt(nearest(rows, offsets[i]!, offsets[i + 1]!));
      return out;
    },
    sharedWords(movieId) {
      const row = nearestRow(movieId);
      if (row === null) return [];
      const film = lookWords(index.vectors.subarray(row * LOOK_SIZE, (row + 1) * LOOK_SIZE), LOOK_WORDS.length);
      return words.filter((w) => film.includes(w));
    },
  };
}
