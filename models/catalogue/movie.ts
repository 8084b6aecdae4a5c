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

/** Articles MovieLens moves to the end of a title ("Princess Bride, The"), in the languages its titles use. */
const TRAILING_ARTICLE =
  /^(.*), (The|A|An|Les|Le|La|L'|Il|Lo|Gli|I|Der|Die|Das|Ein|Eine|El|Los|Las|Un|Une|Una|O|Os|As|De|Het|En|Ett)$/;

/**
 * A title as people write it: the article back in front ("The Princess Bride") and the original-language alias
 * MovieLens appends in brackets left out ("Spirited Away", not "Spirited Away (Sen to Chihiro no kamikakushi)").
 * The stored title keeps both, for search.
 */
export function displayTitle(title: string): string {
  let t = title.trim();
  // Aliases and "a.k.a." notes in trailing brackets, however many; a title that is only brackets stays as it is.
  for (let m = /^(.+?)\s*\([^()]*\)$/.exec(t); m && m[1]!.trim(); m = /^(.+?)\s*\([^()]*\)$/.exec(t)) t = m[1]!.trim();
  const article = TRAILING_ARTICLE.exec(t);
  if (article) t = article[2]!.endsWith("'") ? `${article[2]}${article[1]}` : `${article[2]} ${article[1]}`;
  return t;
}

/** What a "Watch on …" link searches a streaming service for: the title as shown, and its year where known. */
export function watchQuery(m: Pick<Movie, 'title' | 'year'>): string {
  const title = displayTitle(m.title);
  return m.year ? `${title} ${m.year}` : title;
}
