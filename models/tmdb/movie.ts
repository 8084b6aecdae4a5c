/** TMDB movies as catalogue entries, profiled by the same lexicon as the packaged catalogue. */
import type { Movie } from '../catalogue/movie';
import { calibratedProfile, type ToneProfiler } from '../catalogue/tone-model';
import type { TmdbDetails } from './api';

/** TMDB genre names in MovieLens spelling (the lexicon's); TMDB-only genres map to the nearest MovieLens one. */
export const TMDB_TO_MOVIELENS_GENRE: Record<string, string | null> = {
  Action: 'Action',
  Adventure: 'Adventure',
  Animation: 'Animation',
  Comedy: 'Comedy',
  Crime: 'Crime',
  Documentary: 'Documentary',
  Drama: 'Drama',
  Family: 'Children',
  Fantasy: 'Fantasy',
  History: 'Drama',
  Horror: 'Horror',
  Music: 'Musical',
  Mystery: 'Mystery',
  Romance: 'Romance',
  'Science Fiction': 'Sci-Fi',
  'TV Movie': null,
  Thriller: 'Thriller',
  War: 'War',
  Western: 'Western',
};

/** Titles that come from TMDB alone have no MovieLens id: they take the negative of their TMDB id. */
export function tmdbOnlyMovieId(tmdbId: number): number {
  return -tmdbId;
}

/** A TMDB title as a catalogue entry, its tones from `profiler` (the lexicon and tone model the catalogue was built with). */
export function movieFromTmdb(d: TmdbDetails, profiler: ToneProfiler): Movie {
  const genres = [...new Set(d.genres.map((g) => TMDB_TO_MOVIELENS_GENRE[g]).filter((g): g is string => Boolean(g)))];
  const year = d.releaseDate && /^\d{4}/.test(d.releaseDate) ? Number(d.releaseDate.slice(0, 4)) : null;
  return {
    movieId: tmdbOnlyMovieId(d.id),
    tmdbId: d.id,
    imdbId: d.imdbId,
    title: d.title,
    year,
    genres,
    keywords: d.keywords.slice(0, 15),
    directors: [],
    cast: [],
    runtime: d.runtime,
    language: d.language,
    tmdbRating: d.voteAverage,
    tmdbVotes: d.voteCount,
    popularity: d.popularity,
    mlRatings: 0,
    mlMean: null,
    adult: d.adult,
    // Titles added on the device have no ratings: their tones come from genres and keywords alone.
    profile: calibratedProfile({ genres, keywords: d.keywords, neighbours: null, told: null }, profiler),
  };
}
