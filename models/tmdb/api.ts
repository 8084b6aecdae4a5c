/**
 * The parts of TMDB's v3 API Moodreel uses, with validators: every response is checked before anything is stored,
 * so a malformed or hostile answer can never reach the catalogue. The HTTP client takes `fetch` as a parameter.
 */
import { isRecord } from '../checks';
import { isPositiveId } from '../ids';
import { errorText } from '../error-text';

export const TMDB_DEFAULT_BASE_URL = 'https://api.themoviedb.org/3';
export const TMDB_IMAGE_BASE_URL = 'https://image.tmdb.org/t/p/w185';

export interface TmdbListItem {
  id: number;
  title: string;
  releaseDate: string | null;
  genreIds: number[];
  voteAverage: number | null;
  voteCount: number | null;
  popularity: number | null;
  language: string | null;
  adult: boolean;
}

export interface TmdbDetails {
  id: number;
  title: string;
  releaseDate: string | null;
  runtime: number | null;
  genres: string[];
  keywords: string[];
  posterPath: string | null;
  overview: string | null;
  voteAverage: number | null;
  voteCount: number | null;
  popularity: number | null;
  language: string | null;
  imdbId: string | null;
  adult: boolean;
  /** Streaming services (flat-rate) per region code. */
  providers: Record<string, { link: string | null; flatrate: string[] }>;
}

export type TmdbErrorKind = 'no-key' | 'bad-key' | 'rate-limited' | 'offline' | 'bad-response' | 'http';

export class TmdbError extends Error {
  constructor(
    readonly kind: TmdbErrorKind,
    message: string,
    /** For rate-limited: how long TMDB asked us to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'TmdbError';
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const fin = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const names = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .filter(isRecord)
        .map((x) => str(x.name))
        .filter((x): x is string => x !== null)
    : [];

export function parseListItem(raw: unknown): TmdbListItem | null {
  if (!isRecord(raw) || !isPositiveId(raw.id)) return null;
  const title = str(raw.title);
  if (!title) return null;
  return {
    id: raw.id,
    title,
    releaseDate: str(raw.release_date),
    genreIds: Array.isArray(raw.genre_ids) ? raw.genre_ids.filter(isPositiveId) : [],
    voteAverage: fin(raw.vote_average),
    voteCount: fin(raw.vote_count),
    popularity: fin(raw.popularity),
    language: str(raw.original_language),
    adult: raw.adult === true,
  };
}

/** The valid items of a paged list (trending, now playing); null when the page itself is malformed. */
export function parseList(raw: unknown): TmdbListItem[] | null {
  if (!isRecord(raw) || !Array.isArray(raw.results)) return null;
  return raw.results.map(parseListItem).filter((x): x is TmdbListItem => x !== null);
}

export function parseGenreList(raw: unknown): Map<number, string> | null {
  if (!isRecord(raw) || !Array.isArray(raw.genres)) return null;
  const map = new Map<number, string>();
  for (const g of raw.genres) if (isRecord(g) && isPositiveId(g.id) && str(g.name)) map.set(g.id, g.name as string);
  return map;
}

export function parseDetails(raw: unknown): TmdbDetails | null {
  if (!isRecord(raw) || !isPositiveId(raw.id)) return null;
  const title = str(raw.title);
  if (!title) return null;
  const keywordsBlock = isRecord(raw.keywords) ? raw.keywords.keywords : undefined;
  const providersBlock = isRecord(raw['watch/providers']) ? raw['watch/providers'].results : undefined;
  const providers: TmdbDetails['providers'] = {};
  if (isRecord(providersBlock)) {
    for (const [region, entry] of Object.entries(providersBlock)) {
      if (!/^[A-Z]{2}$/.test(region) || !isRecord(entry)) continue;
      const link = str(entry.link);
      providers[region] = {
        link: link && /^https:\/\//.test(link) ? link : null,
        flatrate: Array.isArray(entry.flatrate)
          ? entry.flatrate
              .filter(isRecord)
              .map((p) => str(p.provider_name))
              .filter((x): x is string => x !== null)
          : [],
      };
    }
  }
  const poster = str(raw.poster_path);
  const imdb = str(raw.imdb_id);
  return {
    id: raw.id,
    title,
    releaseDate: str(raw.release_date),
    runtime: fin(raw.runtime) || null,
    genres: names(raw.genres),
    keywords: names(keywordsBlock),
    posterPath: poster && /^\/[\w.-]+$/.test(poster) ? poster : null,
    overview: str(raw.overview),
    voteAverage: fin(raw.vote_average),
    voteCount: fin(raw.vote_count),
    popularity: fin(raw.popularity),
    language: str(raw.original_language),
    imdbId: imdb && /^tt\d+$/.test(imdb) ? imdb : null,
    adult: raw.adult === true,
    providers,
  };
}

export interface TmdbClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  /** Milliseconds before a request counts as offline. */
  timeoutMs?: number;
}

/** A minimal TMDB client: one GET, every failure mapped to a TmdbError kind. */
export function createTmdbClient(options: TmdbClientOptions) {
  async function get(path: string, params: Record<string, string> = {}): Promise<unknown> {
    if (!options.apiKey) throw new TmdbError('no-key', 'No TMDB API key set');
    const url = new URL(`${options.baseUrl.replace(/\/$/, '')}${path}`);
    url.searchParams.set('api_key', options.apiKey);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let response: Response;
    try {
      response = await options.fetch(url.toString(), { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    } catch (error) {
      throw new TmdbError('offline', `TMDB is unreachable: ${errorText(error)}`);
    }
    if (response.status === 401) throw new TmdbError('bad-key', 'TMDB refused the API key');
    if (response.status === 429) {
      const seconds = Number(response.headers.get('Retry-After'));
      throw new TmdbError(
        'rate-limited',
        'TMDB asked us to slow down',
        (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000,
      );
    }
    if (!response.ok) throw new TmdbError('http', `TMDB answered HTTP ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new TmdbError('bad-response', 'TMDB sent something that is not JSON');
    }
  }

  function checked<T>(value: T | null, what: string): T {
    if (value === null) throw new TmdbError('bad-response', `TMDB sent a malformed ${what}`);
    return value;
  }

  return {
    async genres() {
      return checked(parseGenreList(await get('/genre/movie/list')), 'genre list');
    },
    async trending() {
      return checked(parseList(await get('/trending/movie/week')), 'trending list');
    },
    async nowPlaying(region: string) {
      return checked(parseList(await get('/movie/now_playing', { region })), 'now-playing list');
    },
    async details(tmdbId: number) {
      return checked(
        parseDetails(await get(`/movie/${tmdbId}`, { append_to_response: 'keywords,watch/providers' })),
        'movie',
      );
    },
  };
}

export type TmdbClient = ReturnType<typeof createTmdbClient>;
