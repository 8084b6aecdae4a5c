import { describe, expect, it } from 'vitest';
import { createTmdbClient, parseDetails, parseList, TmdbError } from '../../models/tmdb/api';
import { movieFromTmdb } from '../../models/tmdb/movie';
import { SHIPPED_TONE_PROFILER } from '../../models/catalogue/shipped-tones';

describe('TMDB response validation', () => {
  it('keeps valid list items and drops broken ones', () => {
    const items = parseList({
      results: [{ id: 5, title: 'Ok' }, { id: -1, title: 'Bad id' }, { title: 'No id' }, 'junk'],
    });
    expect(items?.map((i) => i.id)).toEqual([5]);
    expect(parseList({ results: 'nope' })).toBeNull();
    expect(parseList(null)).toBeNull();
  });

  it('reads details with appended keywords and providers, and refuses unsafe fields', () => {
    const d = parseDetails({
      id: 9,
      title: 'T',
      release_date: '2020-01-02',
      genres: [
        { id: 1, name: 'Science Fiction' },
        { id: 2, name: 'TV Movie' },
      ],
      keywords: { keywords: [{ id: 3, name: 'time travel' }] },
      poster_path: '/x"><script>.jpg',
      imdb_id: 'javascript:alert(1)',
      'watch/providers': {
        results: { US: { link: 'javascript:x', flatrate: [{ provider_name: 'Netflix' }] }, bad: {} },
      },
    });
    expect(d).toMatchObject({ id: 9, keywords: ['time travel'], posterPath: null, imdbId: null });
    expect(d?.providers).toEqual({ US: { link: null, flatrate: ['Netflix'] } });
    const movie = movieFromTmdb(d!, SHIPPED_TONE_PROFILER);
    expect(movie).toMatchObject({ movieId: -9, tmdbId: 9, year: 2020, genres: ['Sci-Fi'] });
    expect(movie.profile.tones.thoughtProvoking).toBeGreaterThan(0.3);
  });
});

describe('TMDB client error mapping', () => {
  const client = (respond: () => Promise<Response>, apiKey = 'k'.repeat(32)) =>
    createTmdbClient({ baseUrl: 'https://api.example', apiKey, fetch: respond as typeof fetch });

  it.each([
    ['no-key', () => Promise.resolve(new Response('{}')), ''],
    ['bad-key', () => Promise.resolve(new Response('{}', { status: 401 })), undefined],
    ['offline', () => Promise.reject(new TypeError('Failed to fetch')), undefined],
    ['bad-response', () => Promise.resolve(new Response('{"results": 3}')), undefined],
    ['bad-response', () => Promise.resolve(new Response('<html>')), undefined],
    ['http', () => Promise.resolve(new Response('{}', { status: 503 })), undefined],
  ] as const)('maps to %s', async (kind, respond, key) => {
    await expect(client(respond, key).trending()).rejects.toMatchObject({ kind });
  });

  it('reads Retry-After on 429', async () => {
    const error = await client(() =>
      Promise.resolve(new Response('{}', { status: 429, headers: { 'Retry-After': '7' } })),
    )
      .trending()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbError);
    expect((error as TmdbError).retryAfterMs).toBe(7000);
  });
});
