/**
 * The packaged catalogue format: what `npm run catalogue:build` writes into public/catalogue/ and the extension imports.
 * Movies are tuples over shared vocabularies (genres, keywords, people, languages) to keep the file small; `unpack`
 * turns them back into `Movie`s and `validatePacked` rejects anything malformed before it reaches the database.
 */
import type { IalsParams } from '../learning/ials';
import type { Movie } from './movie';
import { TONES } from './tones';

export const CATALOGUE_FORMAT = 1;

/** [movieId, tmdbId, imdbId, title, year, genres, keywords, directors, cast, runtime, language, tmdbRating×10,
 *  tmdbVotes, popularity×100, mlRatings, mlMean×100, adult (0/1), tones×100 (TONES order), valence×100, arousal×100] */
export type PackedMovie = [
  number,
  number | null,
  string | null,
  string,
  number | null,
  number[],
  number[],
  number[],
  number[],
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number,
  number | null,
  0 | 1,
  number[],
  number,
  number,
];

export interface PackedCatalogue {
  format: typeof CATALOGUE_FORMAT;
  lexiconVersion: number;
  genres: string[];
  keywords: string[];
  people: string[];
  languages: string[];
  movies: PackedMovie[];
}

export interface CatalogueFile {
  bytes: number;
  sha256: string;
}

/** public/catalogue/manifest.json */
export interface CatalogueManifest {
  format: typeof CATALOGUE_FORMAT;
  /** Changes whenever the content does: the extension re-imports when it differs from the imported one. */
  version: string;
  lexiconVersion: number;
  buildDate: string;
  counts: Record<string, number>;
  files: Record<string, CatalogueFile>;
  /**
   * The collaborative item embeddings (embeddings.json.gz): how many titles, the iALS hyper-parameters and how
   * ratings became observations (absent in catalogues built before that was recorded).
   */
  embeddings: { titles: number; neighbours: number; observations?: string } & IalsParams;
  sources: string[];
}

const q = (x: number, f: number) => Math.round(x * f);
const nq = (x: number | null, f: number) => (x === null ? null : q(x, f));

export function packMovies(movies: readonly Movie[], lexiconVersion: number): PackedCatalogue {
  const vocab = () => {
    const list: string[] = [];
    const index = new Map<string, number>();
    return {
      list,
      id(s: string) {
        let i = index.get(s);
        if (i === undefined) {
          i = list.length;
          list.push(s);
          index.set(s, i);
        }
        return i;
      },
    };
  };
  const genres = vocab();
  const keywords = vocab();
  const people = vocab();
  const languages = vocab();
  const packed = movies.map((m): PackedMovie => [
    m.movieId,
    m.tmdbId,
    m.imdbId,
    m.title,
    m.year,
    m.genres.map(genres.id),
    m.keywords.map(keywords.id),
    m.directors.map(people.id),
    m.cast.map(people.id),
    m.runtime,
    m.language === null ? null : languages.id(m.language),
    nq(m.tmdbRating, 10),
    m.tmdbVotes,
    nq(m.popularity, 100),
    m.mlRatings,
    nq(m.mlMean, 100),
    m.adult ? 1 : 0,
    TONES.map((t) => q(m.profile.tones[t], 100)),
    q(m.profile.valence, 100),
    q(m.profile.arousal, 100),
  ]);
  return {
    format: CATALOGUE_FORMAT,
    lexiconVersion,
    genres: genres.list,
    keywords: keywords.list,
    people: people.list,
    languages: languages.list,
    movies: packed,
  };
}

function pick(list: readonly string[], indexes: readonly number[]): string[] {
  return indexes.map((i) => list[i]!);
}

export function unpackMovie(c: PackedCatalogue, p: PackedMovie): Movie {
  const tones = Object.fromEntries(TONES.map((t, i) => [t, p[17][i]! / 100])) as Movie['profile']['tones'];
  return {
    movieId: p[0],
    tmdbId: p[1],
    imdbId: p[2],
    title: p[3],
    year: p[4],
    genres: pick(c.genres, p[5]),
    keywords: pick(c.keywords, p[6]),
    directors: pick(c.people, p[7]),
    cast: pick(c.people, p[8]),
    runtime: p[9],
    language: p[10] === null ? null : c.languages[p[10]]!,
    tmdbRating: p[11] === null ? null : p[11] / 10,
    tmdbVotes: p[12],
    popularity: p[13] === null ? null : p[13] / 100,
    mlRatings: p[14],
    mlMean: p[15] === null ? null : p[15] / 100,
    adult: p[16] === 1,
    profile: { tones, valence: p[18] / 100, arousal: p[19] / 100 },
  };
}

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isIntOrNull = (v: unknown) => v === null || isInt(v);
const isIndexList = (v: unknown, size: number) => Array.isArray(v) && v.every((i) => isInt(i) && i >= 0 && i < size);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Why a packed catalogue is not valid, or null when it is. Checks every movie: a damaged file must never import. */
export function validatePacked(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return 'not an object';
  const c = raw as Partial<PackedCatalogue>;
  if (c.format !== CATALOGUE_FORMAT) return `format ${String(c.format)} is not ${CATALOGUE_FORMAT}`;
  if (!isStringList(c.genres) || !isStringList(c.keywords) || !isStringList(c.people) || !isStringList(c.languages))
    return 'vocabularies missing';
  if (!Array.isArray(c.movies)) return 'movies missing';
  const seen = new Set<number>();
  for (const [i, m] of c.movies.entries()) {
    const ok =
      Array.isArray(m) &&
      m.length === 20 &&
      isInt(m[0]) &&
      !seen.has(m[0]) &&
      isIntOrNull(m[1]) &&
      (m[2] === null || typeof m[2] === 'string') &&
      typeof m[3] === 'string' &&
      m[3].length > 0 &&
      isIntOrNull(m[4]) &&
      isIndexList(m[5], c.genres.length) &&
      isIndexList(m[6], c.keywords.length) &&
      isIndexList(m[7], c.people.length) &&
      isIndexList(m[8], c.people.length) &&
      isIntOrNull(m[9]) &&
      (m[10] === null || (isInt(m[10]) && m[10] < c.languages.length)) &&
      isIntOrNull(m[11]) &&
      isIntOrNull(m[12]) &&
      isIntOrNull(m[13]) &&
      isInt(m[14]) &&
      isIntOrNull(m[15]) &&
      (m[16] === 0 || m[16] === 1) &&
      Array.isArray(m[17]) &&
      m[17].length === TONES.length &&
      m[17].every((v) => isInt(v) && v >= 0 && v <= 100) &&
      isInt(m[18]) &&
      isInt(m[19]);
    if (!ok) return `movie ${i} is malformed`;
    seen.add(m[0]);
  }
  return null;
}
