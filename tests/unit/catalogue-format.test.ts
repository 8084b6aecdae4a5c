import { describe, expect, it } from 'vitest';
import { packMovies, unpackMovie, validatePacked } from '../../models/catalogue/format';
import { searchKey, type Movie } from '../../models/catalogue/movie';
import { SHIPPED_READER } from '../../models/catalogue/shipped-tones';

const base: Movie = {
  movieId: 1,
  tmdbId: 862,
  imdbId: 'tt0114709',
  title: 'Toy Story',
  year: 1995,
  genres: ['Animation', 'Comedy'],
  keywords: ['toy', 'friendship'],
  directors: ['John Lasseter'],
  cast: ['Tom Hanks', 'Tim Allen'],
  runtime: 81,
  language: 'en',
  tmdbRating: 7.7,
  tmdbVotes: 5415,
  popularity: 21.95,
  mlRatings: 215,
  mlMean: 3.9,
  adult: false,
  profile: SHIPPED_READER.profileOf({ genres: ['Animation', 'Comedy'], keywords: ['toy', 'friendship'] }),
};

describe('packed catalogue format', () => {
  it('round-trips movies through the compact form (profiles to two decimals)', () => {
    const other: Movie = {
      ...base,
      movieId: 2,
      tmdbId: null,
      imdbId: null,
      title: 'Other',
      language: null,
      mlMean: null,
      cast: ['Tom Hanks'],
    };
    const packed = packMovies([base, other], 1);
    expect(validatePacked(JSON.parse(JSON.stringify(packed)))).toBeNull();
    expect(packed.people.filter((p) => p === 'Tom Hanks')).toHaveLength(1);
    const back = unpackMovie(packed, packed.movies[0]!);
    expect({ ...back, profile: undefined }).toEqual({ ...base, profile: undefined });
    expect(back.profile.tones.funny).toBeCloseTo(base.profile.tones.funny, 2);
    expect(unpackMovie(packed, packed.movies[1]!).language).toBeNull();
  });

  it('rejects damaged catalogues', () => {
    const packed = packMovies([base], 1);
    const clone = () => JSON.parse(JSON.stringify(packed));
    expect(validatePacked(null)).not.toBeNull();
    expect(validatePacked({ ...clone(), format: 99 })).toMatch(/format/);
    const badIndex = clone();
    badIndex.movies[0][6] = [999];
    expect(validatePacked(badIndex)).toMatch(/movie 0/);
    const dup = clone();
    dup.movies.push(dup.movies[0]);
    expect(validatePacked(dup)).toMatch(/movie 1/);
    const truncated = clone();
    truncated.movies[0] = truncated.movies[0].slice(0, 10);
    expect(validatePacked(truncated)).toMatch(/movie 0/);
  });

  it('searches titles without accents, case or punctuation', () => {
    expect(searchKey('Amélie (Le Fabuleux Destin d’Amélie Poulain)')).toBe(
      'amelie le fabuleux destin d amelie poulain',
    );
  });
});
