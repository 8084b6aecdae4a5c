/**
 * The optional online side, active only with the user's own TMDB key: details for shown titles (cached with a TTL)
 * and a daily refresh that adds trending and now-playing titles to the catalogue. Failures are recorded as a status
 * and never leave the catalogue half-written.
 */
import { browser } from 'wxt/browser';
import type { TmdbMovieDetails } from '../../models/protocol';
import type { Settings } from '../../models/settings';
import { openDatabase } from '../../models/store/db';
import type { TmdbState } from '../../models/store/schema';
import { cacheDetails, freshCacheEntry, saveTmdbState, tmdbState, upsertTmdbMovies } from '../../models/store/tmdb';
import { createTmdbClient, TMDB_IMAGE_BASE_URL, TmdbError } from '../../models/tmdb/api';
import { movieFromTmdb } from '../../models/tmdb/movie';
import { loadSettings } from '../shared/settings';
import { forgetShownPosterLooks, posterLookUseful } from './recommend';
import { toneProfiler } from './tone-profiler';
import { errorText } from '../../models/error-text';

export const REFRESH_ALARM = 'tmdb-refresh';
const REFRESH_PERIOD_MINUTES = 24 * 60;
/** Titles fetched in detail per refresh (two lists of 20): well inside TMDB's rate limits. */
const MAX_NEW_TITLES = 40;

function clientFor(s: Settings) {
  return {
    region: s.tmdbRegion,
    tmdb: createTmdbClient({ baseUrl: s.tmdbBaseUrl, apiKey: s.tmdbApiKey, fetch: (...a) => fetch(...a) }),
  };
}

function failure(error: unknown): Pick<TmdbState, 'status' | 'message' | 'retryAt'> {
  if (error instanceof TmdbError) {
    return {
      status: error.kind,
      message: error.message,
      retryAt: error.retryAfterMs === null ? null : Date.now() + error.retryAfterMs,
    };
  }
  return { status: 'bad-response', message: errorText(error), retryAt: null };
}

let running: Promise<TmdbState> | null = null;

async function refresh(): Promise<TmdbState> {
  const db = await openDatabase();
  const previous = await tmdbState(db);
  if (previous?.status === 'rate-limited' && previous.retryAt !== null && previous.retryAt > Date.now())
    return previous;
  try {
    const { tmdb, region } = clientFor(await loadSettings());
    const lists = [await tmdb.trending(), await tmdb.nowPlaying(region)];
    const ids = [
      ...new Set(
        lists
          .flat()
          .filter((m) => !m.adult)
          .map((m) => m.id),
      ),
    ].slice(0, MAX_NEW_TITLES);
    const details = [];
    for (const id of ids) details.push(await tmdb.details(id));
    // Everything fetched and validated first; then one transaction writes it all.
    const profiler = await toneProfiler();
    const added = await upsertTmdbMovies(
      db,
      details.map((d) => movieFromTmdb(d, profiler)),
    );
    const now = Date.now();
    for (const d of details) await cacheDetails(db, d, now);
    return saveTmdbState(db, {
      status: 'ok',
      message: `Added or updated ${added} titles`,
      at: now,
      added,
      retryAt: null,
    });
  } catch (error) {
    return saveTmdbState(db, { ...failure(error), at: Date.now(), added: 0 });
  }
}

/** Runs one refresh; concurrent callers share it. */
export function refreshFromTmdb(): Promise<TmdbState> {
  running ??= refresh().finally(() => {
    running = null;
  });
  return running;
}

export async function lastTmdbState(): Promise<TmdbState | null> {
  return (await tmdbState(await openDatabase())) ?? null;
}

/** Details of one title for display: from the cache while fresh, else from TMDB (and cached). */
export async function tmdbDetails(tmdbId: number): Promise<TmdbMovieDetails> {
  const db = await openDatabase();
  const now = Date.now();
  const settings = await loadSettings();
  const { tmdb, region } = clientFor(settings);
  const entry = await freshCacheEntry(db, tmdbId, now);
  let details = entry?.details;
  if (!details) {
    details = await tmdb.details(tmdbId);
    await cacheDetails(db, details, now);
    // The fresh entry has no poster look yet; the copy in memory must not outlive the stored one.
    forgetShownPosterLooks();
  }
  const posterUrl = details.posterPath ? `${TMDB_IMAGE_BASE_URL}${details.posterPath}` : null;
  return {
    tmdbId,
    posterUrl,
    overview: details.overview,
    providers: details.providers[region] ?? null,
    fetchedAt: entry?.fetchedAt ?? now,
    // A poster is fetched a second time to measure its look only where "match the look" is on and could use it.
    lookWanted: posterUrl !== null && !entry?.look && settings.matchLook && (await posterLookUseful(tmdbId)),
  };
}

/** Keeps the daily alarm in step with the settings: on with a key, off without one. */
export async function scheduleRefresh(): Promise<void> {
  if (!browser.alarms) return;
  const { tmdbApiKey } = await loadSettings();
  if (tmdbApiKey)
    await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_PERIOD_MINUTES, delayInMinutes: 1 });
  else await browser.alarms.clear(REFRESH_ALARM);
}
