/**
 * The look of the user's picture against the films' looks, for one ranking: how alike each film looks (0..1, null for
 * a film without a poster look, which the look term leaves alone) and the words true of both.
 */
import { LOOK_SIZE } from './look';
import { distance2, lookWords, LOOK_WORDS, standardize, type LookIndex, type LookWord } from './look-index';

export interface PictureLook {
  /** The picture's own words. */
  words: LookWord[];
  likeness(movieId: number): number | null;
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

/** `typical`: the index's median squared distance between two films (`typicalDistance2`), where likeness is ½. */
export function pictureLook(raw: readonly number[], index: LookIndex, typical: number): PictureLook {
  const z = standardize(Float32Array.from(raw), index);
  // One distance per poster look, then a film is as near as its nearer poster (looked up, not a map built per call).
  const d2 = new Float64Array(index.movieIds.length);
  for (let i = 0; i < d2.length; i++) d2[i] = distance2(z, index, i);
  const nearestRow = (movieId: number): number | null => {
    const rows = index.rows.get(movieId);
    if (!rows) return null;
    let best = rows[0]!;
    for (const r of rows) if (d2[r]! < d2[best]!) best = r;
    return best;
  };
  const words = lookWords(z);
  return {
    words,
    likeness(movieId) {
      const row = nearestRow(movieId);
      return row === null ? null : 1 / (1 + d2[row]! / typical);
    },
    sharedWords(movieId) {
      const row = nearestRow(movieId);
      if (row === null) return [];
      const film = lookWords(index.vectors.subarray(row * LOOK_SIZE, (row + 1) * LOOK_SIZE), LOOK_WORDS.length);
      return words.filter((w) => film.includes(w));
    },
  };
}
