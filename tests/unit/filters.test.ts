/**
 * The eligibility mask (read from per-catalogue columns) against the filters spelled out title by title, on real
 * catalogue titles and on copies with an unknown year, runtime and language.
 */
import { describe, expect, it } from 'vitest';
import type { Movie } from '../../models/catalogue/movie';
import { applyFeedback, emptyUserModel, type UserModel } from '../../models/learning/user-model';
import { DEFAULT_FILTERS, eligible, eligibleMask, showableAgain, type Filters } from '../../models/recommend/filters';
import { readPackedCatalogue } from '../../scripts/lib/catalogue';

const real = readPackedCatalogue().movies.slice(0, 3000);
const movies: Movie[] = [
  ...real,
  ...real.slice(0, 300).map((m, i) => ({
    ...m,
    movieId: 90_000_000 + i,
    year: i % 3 === 0 ? null : m.year,
    runtime: i % 3 === 1 ? null : m.runtime,
    language: i % 2 === 0 ? null : m.language,
    adult: i % 7 === 0,
  })),
];

/** The rules as the options page states them, one title at a time. */
function allowed(m: Movie, f: Filters, user: UserModel, exclude: ReadonlySet<number>): boolean {
  const signal = user.signals[m.movieId];
  if (exclude.has(m.movieId)) return false;
  if (signal === 'down' || signal === 'not-interested' || signal === 'watchlist') return false;
  if (signal && !f.includeSeen) return false;
  if (!f.adult && m.adult) return false;
  if (m.genres.some((g) => f.excludedGenres.includes(g))) return false;
  if (f.languages.length > 0 && m.language === null && !f.unknownLanguage) return false;
  if (f.languages.length > 0 && m.language !== null && !f.languages.includes(m.language)) return false;
  if (f.yearMin !== null && (m.year === null || m.year < f.yearMin)) return false;
  if (f.yearMax !== null && (m.year === null || m.year > f.yearMax)) return false;
  if (f.maxMinutes && (m.runtime === null || m.runtime > f.maxMinutes)) return false;
  return true;
}

const user = (['up', 'down', 'seen', 'not-interested', 'watchlist', 'up'] as const).reduce(
  (u, signal, i) => applyFeedback(u, movies[i * 11]!, signal, null),
  emptyUserModel(),
);

const cases: [string, Filters][] = [
  ['defaults', DEFAULT_FILTERS],
  ['seen included, adult on', { ...DEFAULT_FILTERS, includeSeen: true, adult: true }],
  ['from a year', { ...DEFAULT_FILTERS, yearMin: 1990 }],
  ['up to a year', { ...DEFAULT_FILTERS, yearMax: 1990 }],
  ['years and length', { ...DEFAULT_FILTERS, yearMin: 1980, yearMax: 2005, maxMinutes: 100 }],
  ['genres and languages', { ...DEFAULT_FILTERS, excludedGenres: ['Horror', 'Comedy'], languages: ['en', 'fr'] }],
  ['languages known only', { ...DEFAULT_FILTERS, languages: ['fr', 'ja'], unknownLanguage: false }],
];

describe('eligibleMask', () => {
  it.each(cases)('agrees with the rules title by title: %s', (_, filters) => {
    const exclude = new Set([movies[5]!.movieId, movies[3100]!.movieId, 123_456_789]);
    const mask = eligibleMask({ movies, filters, user, exclude });
    const expected = movies.map((m) => (allowed(m, filters, user, exclude) ? 1 : 0));
    expect([...mask]).toEqual(expected);
    // The case must leave some titles out and keep some in, or it checks nothing.
    expect(expected).toContain(0);
    expect(expected).toContain(1);
    expect(eligible({ movies, filters, user, exclude })).toEqual(movies.filter((_, i) => expected[i]));
  });
});

describe('showableAgain', () => {
  const list = real.slice(100, 110);
  it('shows a list again with its kept cards (liked, seen, watchlisted) under the filters it was made with', () => {
    const kept = (['up', 'seen', 'watchlist'] as const).reduce(
      (u, signal, i) => applyFeedback(u, list[i]!, signal, null),
      emptyUserModel(),
    );
    expect(showableAgain(list, DEFAULT_FILTERS, kept)).toBe(true);
  });

  it('not once a title on it was turned down, or the filters leave one out', () => {
    for (const signal of ['down', 'not-interested'] as const)
      expect(showableAgain(list, DEFAULT_FILTERS, applyFeedback(emptyUserModel(), list[4]!, signal, null))).toBe(false);
    const years = list.map((m) => m.year!);
    expect(showableAgain(list, { ...DEFAULT_FILTERS, yearMin: Math.min(...years) }, emptyUserModel())).toBe(true);
    expect(showableAgain(list, { ...DEFAULT_FILTERS, yearMin: Math.min(...years) + 1 }, emptyUserModel())).toBe(false);
    expect(showableAgain(list, { ...DEFAULT_FILTERS, excludedGenres: [list[0]!.genres[0]!] }, emptyUserModel())).toBe(
      false,
    );
  });
});
