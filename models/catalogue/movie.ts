import type { MoodProfile } from './tones';

/** One catalogue title: facts and figures only (no overviews, taglines or other prose). */
export interface Movie {
  movieId: number;
  tmdbId: number | null;
  /** IMDb id with its "tt" prefix. */
  imdbId: string | null;
  title: string;
  year: number | null;
  genres: string[];
  /** TMDB story keywords. */
  keywords: string[];
  directors: string[];
  /** Top-billed cast, at most five. */
  cast: string[];
  runtime: number | null;
  /** ISO 639-1 original language, where known. */
  language: string | null;
  /** TMDB vote average (0–10) and vote count, where known. */
  tmdbRating: number | null;
  tmdbVotes: number | null;
  popularity: number | null;
  /** Ratings in MovieLens ml-latest-small, and their mean shrunk toward the global mean (0.5–5 stars). */
  mlRatings: number;
  mlMean: number | null;
  /** Erotic or pornographic content, from TMDB keywords; hidden unless the user turns adult titles on. */
  adult: boolean;
  profile: MoodProfile;
}

/** Lowercase, accents and punctuation removed: the form titles are searched in. */
export function searchKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
