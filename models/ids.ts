/** Identifiers: what counts as a movie id and as a database or TMDB id, checked the same way everywhere. */

/** A movie id: packaged titles have positive MovieLens ids, titles added from TMDB negative ones; never 0. */
export function isMovieId(v: unknown): v is number {
  return Number.isSafeInteger(v) && v !== 0;
}

/** A positive integer id: database keys (history entries, feedback events) and TMDB ids. */
export function isPositiveId(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) > 0;
}

/** Up to `max` movie ids. */
export function isMovieIds(v: unknown, max: number): v is number[] {
  return Array.isArray(v) && v.length <= max && v.every(isMovieId);
}
