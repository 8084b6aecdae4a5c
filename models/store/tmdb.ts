/** TMDB data in IndexedDB: titles added by the online refresh, the details cache, and the refresh state. */
import type { Movie } from '../catalogue/movie';
import type { TmdbDetails } from '../tmdb/api';
import { toStored } from './catalogue';
import type { Database } from './db';
import type { TmdbCacheEntry, TmdbState } from './schema';

/** Details older than this are fetched again (posters and streaming offers change). */
export const TMDB_CACHE_TTL_MS = 7 * 24 * 3600 * 1000;

/** The cached entry (details, when fetched, a measured poster look) while it is fresh, else null. */
export async function freshCacheEntry(db: Database, tmdbId: number, now: number): Promise<TmdbCacheEntry | null> {
  const entry = await db.get('tmdbCache', tmdbId);
  return entry && now - entry.fetchedAt < TMDB_CACHE_TTL_MS ? entry : null;
}

export async function cacheDetails(db: Database, details: TmdbDetails, now: number): Promise<void> {
  await db.put('tmdbCache', { tmdbId: details.id, fetchedAt: now, details });
}

/** Keeps a shown poster's look with its cached details (gone with them); false when the details are not cached. */
export async function savePosterLook(db: Database, tmdbId: number, look: number[]): Promise<boolean> {
  const tx = db.transaction('tmdbCache', 'readwrite');
  const entry = await tx.store.get(tmdbId);
  if (entry) await tx.store.put({ ...entry, look });
  await tx.done;
  return entry !== undefined;
}

/** The looks of the posters shown on this device, by TMDB id. */
export async function posterLooks(db: Database): Promise<Map<number, number[]>> {
  const entries = await db.getAll('tmdbCache');
  return new Map(entries.flatMap((e) => (e.look ? [[e.tmdbId, e.look] as const] : [])));
}

/**
 * Adds or updates TMDB titles in one transaction: all or nothing. A title the packaged catalogue already has
 * (same TMDB id) is left to the catalogue.
 */
export async function upsertTmdbMovies(db: Database, movies: readonly Movie[]): Promise<number> {
  const tx = db.transaction('movies', 'readwrite');
  const index = tx.store.index('tmdbId');
  let written = 0;
  for (const movie of movies) {
    const existing = movie.tmdbId === null ? undefined : await index.getKey(movie.tmdbId);
    if (existing !== undefined && existing > 0) continue;
    await tx.store.put(toStored(movie));
    written++;
  }
  await tx.done;
  return written;
}

export async function tmdbState(db: Database): Promise<TmdbState | undefined> {
  const state = await db.get('meta', 'tmdb');
  return state?.key === 'tmdb' ? state : undefined;
}

export async function saveTmdbState(db: Database, state: Omit<TmdbState, 'key'>): Promise<TmdbState> {
  const full: TmdbState = { key: 'tmdb', ...state };
  await db.put('meta', full);
  return full;
}
