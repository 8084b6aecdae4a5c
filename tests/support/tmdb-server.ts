/**
 * A local stand-in for TMDB's v3 API on loopback, answering in TMDB's documented response shapes (trending,
 * now playing, genre list, movie details with appended keywords and watch providers, 401 for a bad key, 429 with
 * Retry-After). Tests switch its mode to make it misbehave; it counts the requests it served.
 */
import { createServer, type Server } from 'node:http';

export const GOOD_KEY = '0123456789abcdef0123456789abcdef';

export type TmdbMode = 'ok' | 'rate-limited' | 'malformed';

const MOVIES: Record<number, Record<string, unknown>> = {
  862: {
    id: 862,
    title: 'Toy Story',
    release_date: '1995-10-30',
    runtime: 81,
    genres: [{ id: 16, name: 'Animation' }],
    keywords: { keywords: [{ id: 931, name: 'jealousy' }] },
    poster_path: '/uXDfjJbdP4ijW5hWSBrPrlKpxab.jpg',
    overview: 'Led by Woody, Andy’s toys live happily in his room.',
    vote_average: 7.9,
    vote_count: 17000,
    popularity: 100.5,
    original_language: 'en',
    imdb_id: 'tt0114709',
    adult: false,
    'watch/providers': {
      results: {
        US: { link: 'https://www.themoviedb.org/movie/862/watch', flatrate: [{ provider_name: 'Disney Plus' }] },
      },
    },
  },
  900001: {
    id: 900001,
    title: 'A Ghostly Laugh',
    release_date: '2026-10-31',
    runtime: 97,
    genres: [
      { id: 27, name: 'Horror' },
      { id: 35, name: 'Comedy' },
    ],
    keywords: {
      keywords: [
        { id: 1, name: 'haunted house' },
        { id: 2, name: 'parody' },
      ],
    },
    poster_path: '/ghostly.jpg',
    overview: 'Test fixture.',
    vote_average: 6.5,
    vote_count: 120,
    popularity: 55,
    original_language: 'en',
    imdb_id: 'tt9000001',
    adult: false,
    'watch/providers': { results: {} },
  },
  900002: {
    id: 900002,
    title: 'Sunrise Again',
    release_date: '2026-11-20',
    runtime: 110,
    genres: [
      { id: 10749, name: 'Romance' },
      { id: 18, name: 'Drama' },
    ],
    keywords: {
      keywords: [
        { id: 3, name: 'falling in love' },
        { id: 4, name: 'second chance' },
      ],
    },
    poster_path: null,
    overview: null,
    vote_average: 7.1,
    vote_count: 40,
    popularity: 30,
    original_language: 'fr',
    imdb_id: null,
    adult: false,
    'watch/providers': { results: { FR: { flatrate: [{ provider_name: 'Canal+' }] } } },
  },
};

function listItem(id: number) {
  const m = MOVIES[id]!;
  return {
    id,
    title: m.title,
    release_date: m.release_date,
    genre_ids: [],
    vote_average: m.vote_average,
    vote_count: m.vote_count,
    popularity: m.popularity,
    original_language: m.original_language,
    adult: false,
    overview: m.overview,
  };
}

/**
 * Where a plain title streams in the US, by its id: on Netflix (its ad tier too) and Max; on four services; or
 * nowhere (TMDB then lists no region for it).
 */
export function streamsOf(id: number): string[] {
  if (id % 3 === 0) return ['Netflix', 'Netflix basic with Ads', 'Max'];
  if (id % 3 === 1) return ['Hulu', 'Disney Plus', 'Amazon Prime Video', 'Apple TV Plus'];
  return [];
}

function genericMovie(id: number): Record<string, unknown> {
  return {
    id,
    title: `Film ${id}`,
    release_date: '2001-01-01',
    runtime: 100,
    genres: [{ id: 18, name: 'Drama' }],
    keywords: { keywords: [] },
    poster_path: `/generic-${id}.jpg`,
    // Some titles have no overview on TMDB.
    overview: id % 2 === 0 ? `What film ${id} is about, in a sentence.` : null,
    vote_average: 6.5,
    vote_count: 100,
    popularity: 5,
    original_language: 'en',
    imdb_id: null,
    adult: false,
    'watch/providers': {
      results:
        streamsOf(id).length > 0
          ? {
              US: {
                link: `https://www.themoviedb.org/movie/${id}/watch`,
                flatrate: streamsOf(id).map((provider_name) => ({ provider_name })),
              },
            }
          : {},
    },
  };
}

/** The overview this server gives a title, by its TMDB id (null: none). */
export function overviewOf(id: number): string | null {
  return ((MOVIES[id] ?? genericMovie(id)).overview as string | null) ?? null;
}

/** The subscription offers in the US this server lists for a title, by its TMDB id. */
export function offersInUs(id: number): string[] {
  const movie = MOVIES[id] ?? genericMovie(id);
  const us = (movie['watch/providers'] as { results: Record<string, { flatrate?: { provider_name: string }[] }> })
    .results.US;
  return (us?.flatrate ?? []).map((p) => p.provider_name);
}

export interface TmdbServer {
  baseUrl: string;
  mode: TmdbMode;
  requests: string[];
  close(): Promise<void>;
}

export async function startTmdbServer(): Promise<TmdbServer> {
  const state: TmdbServer = { baseUrl: '', mode: 'ok', requests: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push(url.pathname);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json;charset=utf-8',
        'access-control-allow-origin': '*',
        ...headers,
      });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.searchParams.get('api_key') !== GOOD_KEY) {
      send(401, {
        status_code: 7,
        status_message: 'Invalid API key: You must be granted a valid key.',
        success: false,
      });
      return;
    }
    if (state.mode === 'rate-limited') {
      send(
        429,
        { status_code: 25, status_message: 'Your request count (#) is over the allowed limit of (40).' },
        { 'retry-after': '30', 'access-control-expose-headers': 'Retry-After' },
      );
      return;
    }
    if (state.mode === 'malformed') {
      send(200, url.pathname.startsWith('/trending') ? { page: 1, results: 'not a list' } : '{"broken": ');
      return;
    }
    if (url.pathname === '/genre/movie/list') send(200, { genres: [{ id: 27, name: 'Horror' }] });
    else if (url.pathname === '/trending/movie/week')
      send(200, { page: 1, results: [listItem(862), listItem(900001)], total_pages: 1, total_results: 2 });
    else if (url.pathname === '/movie/now_playing')
      send(200, {
        page: 1,
        results: [listItem(900002)],
        dates: { maximum: '2026-12-01', minimum: '2026-10-20' },
        total_pages: 1,
        total_results: 1,
      });
    else {
      const m = /^\/movie\/(\d+)$/.exec(url.pathname);
      // Any other id: a plain title with a poster, as TMDB has for most films.
      const movie = m ? (MOVIES[Number(m[1])] ?? genericMovie(Number(m[1]))) : undefined;
      if (movie) send(200, movie);
      else
        send(404, {
          status_code: 34,
          status_message: 'The resource you requested could not be found.',
          success: false,
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
