/**
 * Everything the user's own stores hold, out and back in: the privacy page's export, import and delete. The
 * catalogue and the TMDB cache are not the user's data (they are rebuilt from the extension and TMDB), so they are
 * neither exported nor restored; "delete everything" clears the cache too.
 */
import { isMoodLesson } from '../learning/mood-lesson';
import { parseUserModel, type UserModel } from '../learning/user-model';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import { isRecord } from '../checks';
import { isMovieId, isPositiveId } from '../ids';
import { parseMoodSummary } from '../mood/summary';
import type { Database } from './db';
import type { FeedbackEvent, FeedbackKind, HistoryEntry, SeenEntry, WatchlistEntry } from './schema';
import { USER_MODEL_KEY } from './user';

export const EXPORT_FORMAT = 'moodreel-export';
export const EXPORT_VERSION = 1;
/** No export comes near this size (history is capped, the rest is numbers): a larger file is not read at all. */
export const MAX_EXPORT_BYTES = 20_000_000;

export interface UserData {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: number;
  feedback: FeedbackEvent[];
  seen: SeenEntry[];
  watchlist: WatchlistEntry[];
  history: HistoryEntry[];
  userModel: UserModel | null;
  /** The extension's settings (kept in extension storage, not IndexedDB); the edge reads and writes them. */
  settings: unknown;
}

/** The stores a user's data lives in, and what the privacy page counts. */
export const USER_STORES = ['feedback', 'seen', 'watchlist', 'history', 'settings'] as const;
export type StoreCounts = Record<(typeof USER_STORES)[number] | 'tmdbCache' | 'movies', number>;

/** The stores of the user's own entries (ratings, seen, watchlist, history): what an import replaces, counted. */
const ENTRY_STORES = ['feedback', 'seen', 'watchlist', 'history'] as const;

/** The user's entries stored now, and those an export holds. */
export const storedEntries = (counts: StoreCounts): number => ENTRY_STORES.reduce((n, s) => n + counts[s], 0);
export const exportedEntries = (data: UserData): number => ENTRY_STORES.reduce((n, s) => n + data[s].length, 0);

export async function storeCounts(db: Database): Promise<StoreCounts> {
  const names = [...USER_STORES, 'tmdbCache', 'movies'] as const;
  const counts = await Promise.all(names.map((n) => db.count(n)));
  return Object.fromEntries(names.map((n, i) => [n, counts[i]])) as StoreCounts;
}

export async function exportUserData(db: Database, settings: unknown, now: number): Promise<UserData> {
  const tx = db.transaction(USER_STORES, 'readonly');
  const [feedback, seen, watchlist, history, model] = await Promise.all([
    tx.objectStore('feedback').getAll(),
    tx.objectStore('seen').getAll(),
    tx.objectStore('watchlist').getAll(),
    tx.objectStore('history').getAll(),
    tx.objectStore('settings').get(USER_MODEL_KEY),
  ]);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now,
    feedback,
    seen,
    watchlist,
    history,
    userModel: model === undefined ? null : parseUserModel(model),
    settings,
  };
}

const KINDS: readonly FeedbackKind[] = ['up', 'down', 'seen', 'watchlist', 'not-interested', 'mood-correction'];
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function list<T>(raw: unknown, parse: (v: Record<string, unknown>) => T | null, what: string): T[] {
  if (!Array.isArray(raw)) throw new Error(`${what} is missing`);
  return raw.map((v, i) => {
    const parsed = isRecord(v) ? parse(v) : null;
    if (parsed === null) throw new Error(`${what} entry ${i + 1} is not valid`);
    return parsed;
  });
}

/** A file's contents to user data, or an error saying what is wrong; nothing is trusted that is not checked. */
export function parseUserData(raw: unknown): UserData {
  if (!isRecord(raw) || raw.format !== EXPORT_FORMAT) throw new Error('This is not a Moodreel export.');
  if (raw.version !== EXPORT_VERSION) throw new Error(`Export version ${String(raw.version)} is not supported.`);
  const entry = (v: Record<string, unknown>) =>
    isMovieId(v.movieId) && isTime(v.at) ? { movieId: v.movieId, at: v.at } : null;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: isTime(raw.exportedAt) ? raw.exportedAt : 0,
    feedback: list(
      raw.feedback,
      (v) =>
        isMovieId(v.movieId) && isTime(v.at) && (KINDS as readonly unknown[]).includes(v.kind)
          ? {
              ...(isPositiveId(v.id) ? { id: v.id } : {}),
              movieId: v.movieId,
              kind: v.kind as FeedbackKind,
              at: v.at,
              ...(isMoodLesson(v.mood) ? { mood: v.mood } : {}),
            }
          : null,
      'Feedback',
    ),
    seen: list(raw.seen, entry, 'Seen'),
    watchlist: list(raw.watchlist, entry, 'Watchlist'),
    history: list(
      raw.history,
      (v) => {
        const mood = parseMoodSummary(v.mood);
        const picks = v.picks;
        if (!mood || !isTime(v.at) || !Array.isArray(picks) || !picks.every(isMovieId)) return null;
        return {
          ...(isPositiveId(v.id) ? { id: v.id } : {}),
          at: v.at,
          mood,
          picks: picks as number[],
          ...((EMOTIONS as readonly unknown[]).includes(v.corrected) ? { corrected: v.corrected as Emotion } : {}),
        };
      },
      'History',
    ),
    userModel: raw.userModel === null || raw.userModel === undefined ? null : parseUserModel(raw.userModel),
    settings: raw.settings ?? null,
  };
}

/** Replaces the user's stores with `data` in one durable transaction: all of it lands, or none. */
export async function importUserData(db: Database, data: UserData): Promise<void> {
  const tx = db.transaction(USER_STORES, 'readwrite', { durability: 'strict' });
  await Promise.all(USER_STORES.map((s) => tx.objectStore(s).clear()));
  for (const e of data.feedback) void tx.objectStore('feedback').put(e);
  for (const e of data.seen) void tx.objectStore('seen').put(e);
  for (const e of data.watchlist) void tx.objectStore('watchlist').put(e);
  for (const e of data.history) void tx.objectStore('history').put(e);
  if (data.userModel) void tx.objectStore('settings').put(data.userModel, USER_MODEL_KEY);
  await tx.done;
}

/** Clears the user's stores and the TMDB cache (the catalogue stays: it ships with the extension). */
export async function deleteUserData(db: Database): Promise<void> {
  const stores = [...USER_STORES, 'tmdbCache'] as const;
  const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
  await Promise.all(stores.map((s) => tx.objectStore(s).clear()));
  await tx.done;
}
