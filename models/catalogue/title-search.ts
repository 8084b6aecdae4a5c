/**
 * The title search's one rule, for the catalogue in IndexedDB and for the titles in memory: every word of the query
 * in the title, the last one perhaps half typed; the most rated first, so a known film is near the top.
 */
import { searchKey, type Movie } from './movie';

/** A text's words in the form titles are searched in, in order. */
const wordsIn = (text: string) => searchKey(text).split(' ').filter(Boolean);

/** The words a title is found by. */
export function titleWords(title: string): string[] {
  return [...new Set(wordsIn(title))];
}

export interface TitleQuery {
  /** Words typed whole. */
  whole: string[];
  /** The word being typed: a prefix. */
  last: string;
}

/** The query's words; null when it has none a title could hold. */
export function titleQuery(query: string): TitleQuery | null {
  const words = wordsIn(query);
  const last = words.pop();
  return last === undefined ? null : { whole: words, last };
}

export function matchesTitle(query: TitleQuery, words: readonly string[]): boolean {
  return query.whole.every((w) => words.includes(w)) && words.some((w) => w.startsWith(query.last));
}

/** Most rated in MovieLens first, then most voted on TMDB, then by id (one order every time). */
export function byRenown(a: Movie, b: Movie): number {
  return b.mlRatings - a.mlRatings || (b.tmdbVotes ?? 0) - (a.tmdbVotes ?? 0) || a.movieId - b.movieId;
}

/** Each title's words, worked out once per title held (a search as you type asks again at every pause). */
const wordsOf = new WeakMap<Movie, string[]>();

/** The search over titles held in memory. */
export function searchMovies(movies: readonly Movie[], query: string, limit: number): Movie[] {
  const q = titleQuery(query);
  if (!q) return [];
  const words = (m: Movie) => {
    let w = wordsOf.get(m);
    if (!w) wordsOf.set(m, (w = titleWords(m.title)));
    return w;
  };
  return movies
    .filter((m) => matchesTitle(q, words(m)))
    .sort(byRenown)
    .slice(0, limit);
}
