/**
 * `npm run catalogue:build`: builds the packaged movie catalogue from ../shared/data into public/catalogue/.
 * Deterministic: the same data gives byte-identical movies.json.gz (the manifest's buildDate is the only date, and
 * SOURCE_DATE_EPOCH fixes it). Joins on MovieLens movieId and TMDB id only, never on titles.
 *
 * Included: every MovieLens title with genres and at least one further signal to recommend it on (TMDB keywords,
 * TMDB metadata, or ratings in ml-latest-small). Figures from ratings come from ml-latest-small only (its licence
 * allows redistribution of derived data; ml-100k and ml-25m do not).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LEXICON_VERSION } from '../../models/catalogue/lexicon';
import type { Movie } from '../../models/catalogue/movie';
import { CATALOGUE_FORMAT, packMovies, type CatalogueManifest } from '../../models/catalogue/format';
import { neighbourMean } from '../../models/catalogue/profile';
import { SHIPPED_READER, SHIPPED_TONE_MODEL } from '../../models/catalogue/shipped-tones';
import { calibratedProfile, type ToneInputs, type ToneModel } from '../../models/catalogue/tone-model';
import { zeroTones, type ToneScores } from '../../models/catalogue/tones';
import { partOf, readToneLabels } from '../lib/tone-tags';
import { DEFAULT_IALS_PARAMS } from '../../models/learning/ials';
import { cosineNeighbours } from '../../models/learning/neighbours';
import {
  quantise,
  RATING_OBSERVATIONS,
  ratingObservation,
  trainItemEmbeddings,
  watchedObservation,
  type Rating,
} from '../lib/embeddings';
import { readCsv } from '../lib/csv';
import { unmangled } from '../lib/mojibake';

/** Every catalogue title's tone-model inputs, written by each build for `npm run films:fit-tones`. */
export const TONE_INPUTS = resolve('.cache/tone-inputs.json.gz');
const MAX_KEYWORDS = 15;
/** Neighbours a rated title's profile is blended with. */
const NEIGHBOURS = 20;
/** Tagged titles a rated title's "what people said of its neighbours" is read from. */
const LABELLED_NEIGHBOURS = 10;
const MAX_CAST = 5;
/** Pseudo-count for the shrunk mean rating: a title needs about this many ratings to move far from the average. */
const SHRINK_K = 10;
/** TMDB keywords that mark erotic or pornographic titles (hidden unless the user turns adult titles on). */
const ADULT_KEYWORDS = new Set([
  'erotic movie',
  'softcore',
  'pornography',
  'sexploitation',
  'erotica',
  'pornographic video',
  'porn actress',
]);

function splitYear(raw: string): { title: string; year: number | null } {
  const m = /^(.*?)\s*\((\d{4})(?:[-–]\d{0,4})?\)\s*$/.exec(raw.trim());
  return m ? { title: m[1]!.trim(), year: Number(m[2]) } : { title: raw.trim(), year: null };
}

const num = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** Names out of The Movies Dataset's Python-literal lists: [{'id': 1, 'name': 'x'}, ...]. */
function pythonNames(literal: string): string[] {
  const names: string[] = [];
  const re = /'name': (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
  for (let m = re.exec(literal); m; m = re.exec(literal)) names.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
  return names;
}

function jsonNames(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map((x: { name?: unknown }) => String(x.name ?? '')).filter(Boolean) : [];
  } catch {
    return [];
  }
}

const pipes = (s: string | undefined) =>
  s
    ? s
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

function addAll(map: Map<number, string[]>, id: number, values: string[]) {
  const list = map.get(id) ?? [];
  for (const v of values) if (!list.includes(v)) list.push(v);
  map.set(id, list);
}

export interface BuildResult {
  manifest: CatalogueManifest;
  movies: Movie[];
}

/** Builds the catalogue from the data folder `data` and writes movies.json.gz and manifest.json into `out`. */
export function buildCatalogue(
  data: string,
  out: string,
  onIteration?: (i: number) => void,
  toneModel: ToneModel = SHIPPED_TONE_MODEL,
): BuildResult & { toneInputs: (ToneInputs & { movieId: number })[] } {
  const path = (...p: string[]) => join(data, ...p);
  const required = [
    'movielens/ml-32m-metadata/movies.csv',
    'movielens/ml-25m-metadata/movies.csv',
    'movielens/ml-25m-metadata/links.csv',
    'movielens/ml-latest-small/links.csv',
    'movielens/ml-latest-small/ratings.csv',
    'movielens/ml-latest-small/tags.csv',
    'tmdb/the-movies-dataset/links.csv',
    'tmdb/the-movies-dataset/keywords.csv.gz',
    'tmdb/udacity-tmdb-movies/tmdb-movies.csv.gz',
    'tmdb/tmdb-5000/tmdb_5000_movies.csv.gz',
  ];
  for (const f of required) if (!existsSync(path(f))) throw new Error(`Missing ${path(f)} (set MOODREEL_DATA)`);

  // Titles and genres: ml-32m is newest; ml-25m fills any id it lacks.
  const titles = new Map<number, { raw: string; genres: string[] }>();
  for (const f of ['movielens/ml-25m-metadata/movies.csv', 'movielens/ml-32m-metadata/movies.csv']) {
    for (const r of readCsv(path(f))) {
      const genres = r.genres === '(no genres listed)' ? [] : pipes(r.genres);
      titles.set(Number(r.movieId), { raw: r.title ?? '', genres });
    }
  }

  // Links, later sources overriding earlier ones: The Movies Dataset (2017), ml-25m, ml-latest-small.
  const links = new Map<number, { tmdbId: number | null; imdbId: string | null }>();
  for (const f of [
    'tmdb/the-movies-dataset/links.csv',
    'movielens/ml-25m-metadata/links.csv',
    'movielens/ml-latest-small/links.csv',
  ]) {
    for (const r of readCsv(path(f))) {
      const tmdbId = num(r.tmdbId);
      const imdb = r.imdbId?.trim();
      links.set(Number(r.movieId), {
        tmdbId: tmdbId !== null && tmdbId > 0 ? tmdbId : null,
        imdbId: imdb ? `tt${imdb.padStart(7, '0')}` : null,
      });
    }
  }

  // TMDB facts by TMDB id.
  const keywords = new Map<number, string[]>();
  for (const r of readCsv(path('tmdb/the-movies-dataset/keywords.csv.gz')))
    addAll(keywords, Number(r.id), pythonNames(r.keywords ?? ''));
  const meta = new Map<
    number,
    {
      directors: string[];
      cast: string[];
      runtime: number | null;
      language: string | null;
      rating: number | null;
      votes: number | null;
      popularity: number | null;
    }
  >();
  for (const r of readCsv(path('tmdb/udacity-tmdb-movies/tmdb-movies.csv.gz'))) {
    const id = Number(r.id);
    addAll(keywords, id, pipes(r.keywords));
    meta.set(id, {
      // Its names are often mangled ("RodrÃ­guez"): they are shown in reasons, so put back.
      directors: pipes(r.director).map(unmangled),
      cast: pipes(r.cast).slice(0, MAX_CAST).map(unmangled),
      runtime: num(r.runtime) || null,
      language: null,
      rating: num(r.vote_average),
      votes: num(r.vote_count),
      popularity: num(r.popularity),
    });
  }
  for (const r of readCsv(path('tmdb/tmdb-5000/tmdb_5000_movies.csv.gz'))) {
    const id = Number(r.id);
    addAll(keywords, id, jsonNames(r.keywords ?? '[]'));
    const old = meta.get(id);
    // The 2017 snapshot is newer than the Udacity one for votes and popularity.
    meta.set(id, {
      directors: old?.directors ?? [],
      cast: old?.cast ?? [],
      runtime: num(r.runtime) || old?.runtime || null,
      language: r.original_language?.trim() || null,
      rating: num(r.vote_average) ?? old?.rating ?? null,
      votes: num(r.vote_count) ?? old?.votes ?? null,
      popularity: num(r.popularity) ?? old?.popularity ?? null,
    });
  }

  // Ratings: ml-latest-small only.
  const ratingSum = new Map<number, { n: number; sum: number }>();
  let total = 0;
  let count = 0;
  const ratings: Rating[] = readCsv(path('movielens/ml-latest-small/ratings.csv')).map((r) => ({
    userId: Number(r.userId),
    movieId: Number(r.movieId),
    rating: Number(r.rating),
  }));
  for (const { movieId: id, rating: v } of ratings) {
    const s = ratingSum.get(id) ?? { n: 0, sum: 0 };
    s.n++;
    s.sum += v;
    ratingSum.set(id, s);
    total += v;
    count++;
  }
  const globalMean = total / count;

  const movies: Movie[] = [];
  const allKeywords = new Map<number, string[]>();
  const left = { noGenres: 0, noSignal: 0 };
  for (const movieId of [...titles.keys()].sort((a, b) => a - b)) {
    const t = titles.get(movieId)!;
    const link = links.get(movieId) ?? { tmdbId: null, imdbId: null };
    const kw = link.tmdbId !== null ? (keywords.get(link.tmdbId) ?? []) : [];
    const m = link.tmdbId !== null ? meta.get(link.tmdbId) : undefined;
    const rated = ratingSum.get(movieId);
    if (t.genres.length === 0) {
      left.noGenres++;
      continue;
    }
    if (kw.length === 0 && !m && !rated) {
      left.noSignal++;
      continue;
    }
    const { title, year } = splitYear(t.raw);
    const kept = kw.slice(0, MAX_KEYWORDS);
    allKeywords.set(movieId, kw);
    movies.push({
      movieId,
      tmdbId: link.tmdbId,
      imdbId: link.imdbId,
      title,
      year,
      genres: t.genres,
      keywords: kept,
      directors: m?.directors ?? [],
      cast: m?.cast ?? [],
      runtime: m?.runtime ?? null,
      language: m?.language ?? null,
      tmdbRating: m?.rating ?? null,
      tmdbVotes: m?.votes ?? null,
      popularity: m?.popularity === null || m?.popularity === undefined ? null : Math.round(m.popularity * 100) / 100,
      mlRatings: rated?.n ?? 0,
      mlMean: rated ? Math.round(((rated.sum + SHRINK_K * globalMean) / (rated.n + SHRINK_K)) * 100) / 100 : null,
      adult: kw.some((k) => ADULT_KEYWORDS.has(k.toLowerCase())),
      profile: SHIPPED_READER.profileOf({ genres: t.genres, keywords: kw }),
    });
  }

  // Each title's calibrated tones (models/catalogue/tone-model.ts): its lexicon evidence plus, for rated titles, the
  // lexical tones of its neighbours among titles watched by the same people. Then the collaborative embeddings the
  // extension ranks with (taste: ratings graded, low ones negative).
  const inCatalogue = new Map(movies.map((m) => [m.movieId, m]));
  const eligible = (id: number) => inCatalogue.has(id);
  const watched = trainItemEmbeddings(ratings, eligible, DEFAULT_IALS_PARAMS, watchedObservation, onIteration);
  const k = watched.model.params.factors;
  const neighbours = cosineNeighbours(watched.model.items, watched.movieIds.length, k, NEIGHBOURS);
  const lexical = watched.movieIds.map((id) => inCatalogue.get(id)!.profile.tones);
  const neighbourTones = new Map<number, ToneScores | null>();
  watched.movieIds.forEach((id, i) => {
    const near = Array.from({ length: NEIGHBOURS }, (_, n) => ({
      tones: lexical[neighbours.index[i * NEIGHBOURS + n]!]!,
      similarity: neighbours.similarity[i * NEIGHBOURS + n]!,
    }));
    neighbourTones.set(id, neighbourMean(near));
  });
  // What people said of the films each rated title is watched with: its nearest titles among those whose tags
  // name a tone, tuning half only (the reporting half is what films:eval-picks reports). A tagged title is never its own
  // neighbour.
  const labels = readToneLabels(data, inCatalogue);
  const labelledRows = watched.movieIds.flatMap((id, row) => (partOf(id) === 'tuning' && labels.has(id) ? [row] : []));
  const toldOf = new Map<number, ToneScores | null>();
  if (labelledRows.length > 0) {
    const near = cosineNeighbours(watched.model.items, watched.movieIds.length, k, LABELLED_NEIGHBOURS, labelledRows);
    watched.movieIds.forEach((id, i) => {
      const told = Array.from({ length: LABELLED_NEIGHBOURS }, (_, n) => {
        const row = near.index[i * LABELLED_NEIGHBOURS + n]!;
        const tones = zeroTones();
        if (row >= 0) for (const t of labels.get(watched.movieIds[row]!)!) tones[t] = 1;
        return { tones, similarity: row >= 0 ? near.similarity[i * LABELLED_NEIGHBOURS + n]! : 0 };
      });
      toldOf.set(id, neighbourMean(told));
    });
  }
  const toneInputs: (ToneInputs & { movieId: number })[] = movies.map((m) => ({
    movieId: m.movieId,
    genres: m.genres,
    keywords: allKeywords.get(m.movieId) ?? m.keywords,
    neighbours: neighbourTones.get(m.movieId) ?? null,
    told: toldOf.get(m.movieId) ?? null,
  }));
  toneInputs.forEach(
    (input, i) => (movies[i]!.profile = calibratedProfile(input, { reader: SHIPPED_READER, model: toneModel })),
  );
  const embeddings = trainItemEmbeddings(ratings, eligible, DEFAULT_IALS_PARAMS, ratingObservation, onIteration);
  const quantised = quantise(embeddings.model);
  const embeddingsGz = gzipSync(
    Buffer.from(
      JSON.stringify({ factors: k, params: embeddings.model.params, movieIds: embeddings.movieIds, ...quantised }),
    ),
    { level: 9 },
  );

  const packed = packMovies(movies, LEXICON_VERSION);
  const json = JSON.stringify(packed);
  const gz = gzipSync(Buffer.from(json), { level: 9 });
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const counts = {
    movies: movies.length,
    withTmdbId: movies.filter((m) => m.tmdbId !== null).length,
    withKeywords: movies.filter((m) => m.keywords.length > 0).length,
    withDirector: movies.filter((m) => m.directors.length > 0).length,
    withRatings: movies.filter((m) => m.mlRatings > 0).length,
    adult: movies.filter((m) => m.adult).length,
    keywords: packed.keywords.length,
    people: packed.people.length,
    leftOutNoGenres: left.noGenres,
    leftOutNoSignal: left.noSignal,
  };
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const manifest: CatalogueManifest = {
    format: CATALOGUE_FORMAT,
    version: `${CATALOGUE_FORMAT}.${LEXICON_VERSION}.${sha(Buffer.from(json)).slice(0, 12)}`,
    lexiconVersion: LEXICON_VERSION,
    buildDate: (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10),
    counts,
    files: {
      'movies.json.gz': { bytes: gz.length, sha256: sha(gz) },
      'embeddings.json.gz': { bytes: embeddingsGz.length, sha256: sha(embeddingsGz) },
    },
    embeddings: {
      titles: embeddings.movieIds.length,
      neighbours: NEIGHBOURS,
      observations: RATING_OBSERVATIONS,
      ...embeddings.model.params,
    },
    sources: [
      'MovieLens ml-latest-small, ml-25m and ml-32m (GroupLens Research, University of Minnesota): titles, genres, links; ratings figures from ml-latest-small only. F. M. Harper and J. A. Konstan, The MovieLens Datasets: History and Context, ACM TiiS 5(4), 2015.',
      'TMDB (via The Movies Dataset, the TMDB 5000 Movie Dataset and the Udacity TMDb movie data): keywords, directors, cast, runtime, language, votes, popularity. This product uses the TMDB API but is not endorsed or certified by TMDB.',
    ],
  };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'movies.json.gz'), gz);
  writeFileSync(join(out, 'embeddings.json.gz'), embeddingsGz);
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, movies, toneInputs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = resolve(process.argv[2] ?? 'public/catalogue');
  const { manifest, toneInputs } = buildCatalogue(resolve(process.env.MOODREEL_DATA ?? '../shared/data'), out, (i) =>
    console.error(`iALS iteration ${i + 1}/${DEFAULT_IALS_PARAMS.iterations} (two models)`),
  );
  // What `npm run films:fit-tones` fits the tone model on (the inputs do not depend on the model).
  mkdirSync(dirname(TONE_INPUTS), { recursive: true });
  writeFileSync(TONE_INPUTS, gzipSync(Buffer.from(JSON.stringify(toneInputs))));
  const bytes = manifest.files['movies.json.gz']!.bytes;
  console.log(`Catalogue: ${manifest.counts.movies} titles, ${(bytes / 1e6).toFixed(2)} MB packed, in ${out}`);
  console.log(
    JSON.stringify({ catalogue: 'built', ...manifest.counts, packedBytes: bytes, version: manifest.version }),
  );
}
