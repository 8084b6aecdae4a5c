/**
 * Moodreel's IndexedDB schema: one database, versioned, with an upgrade path from every older version.
 * The catalogue stores are rebuilt by imports; the user's own stores (feedback, seen, watchlist, history, settings)
 * are created once and never cleared by an upgrade or an import.
 */
import type { MoodLesson } from '../learning/mood-lesson';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Movie } from '../catalogue/movie';
import type { Emotion } from '../mood/emotions';
import type { MoodSummary } from '../mood/summary';
import type { TmdbDetails } from '../tmdb/api';

export const DB_NAME = 'moodreel';
export const DB_VERSION = 2;

/** A catalogue movie as stored: the movie plus the words of its title, for prefix search. */
export interface StoredMovie extends Movie {
  titleWords: string[];
}

export interface CatalogueState {
  key: 'catalogue';
  /** The manifest version being or last imported. */
  version: string;
  status: 'importing' | 'complete';
  count: number;
  startedAt: number;
  completedAt: number | null;
}

/** How the last online refresh from TMDB went. */
export interface TmdbState {
  key: 'tmdb';
  status: 'ok' | 'no-key' | 'bad-key' | 'rate-limited' | 'offline' | 'bad-response' | 'http' | 'running';
  message: string;
  /** When the last refresh finished (successfully or not), and how many titles it added or updated. */
  at: number;
  added: number;
  /** Rate-limited: no request before this time. */
  retryAt: number | null;
}

/** Details fetched from TMDB for one title, kept for TMDB_CACHE_TTL_MS. */
export interface TmdbCacheEntry {
  tmdbId: number;
  fetchedAt: number;
  details: TmdbDetails;
  /** The poster's look (models/look), measured on this device when the poster was shown: a film's, not the user's. */
  look?: number[];
}

export type FeedbackKind = 'up' | 'down' | 'seen' | 'watchlist' | 'not-interested' | 'mood-correction';

export interface FeedbackEvent {
  id?: number;
  movieId: number;
  kind: FeedbackKind;
  at: number;
  /** The mood check it was given in, when it was (the personal mood map is relearned from these on an undo). */
  mood?: MoodLesson;
}

export interface SeenEntry {
  movieId: number;
  at: number;
}

export interface WatchlistEntry {
  movieId: number;
  at: number;
}

export interface HistoryEntry {
  id?: number;
  at: number;
  /** The mood read, without any image. */
  mood: MoodSummary;
  picks: number[];
  /** The emotion the user said it really was, when they corrected the reading. */
  corrected?: Emotion;
}

/** A history entry as read back: the store has given it its id. */
export type StoredHistoryEntry = HistoryEntry & { id: number };

export interface MoodreelDB extends DBSchema {
  movies: { key: number; value: StoredMovie; indexes: { tmdbId: number; titleWords: string } };
  meta: { key: string; value: CatalogueState | TmdbState };
  tmdbCache: { key: number; value: TmdbCacheEntry };
  feedback: { key: number; value: FeedbackEvent; indexes: { movieId: number; at: number } };
  seen: { key: number; value: SeenEntry };
  watchlist: { key: number; value: WatchlistEntry };
  history: { key: number; value: HistoryEntry; indexes: { at: number } };
  settings: { key: string; value: unknown };
}

type UpgradeTx = IDBPTransaction<MoodreelDB, StoreNames<MoodreelDB>[], 'versionchange'>;

/** Each step takes the database from version i to i + 1. Add a step, never edit one that shipped. */
export const MIGRATIONS: ((db: IDBPDatabase<MoodreelDB>, tx: UpgradeTx) => void)[] = [
  (db) => {
    const movies = db.createObjectStore('movies', { keyPath: 'movieId' });
    movies.createIndex('tmdbId', 'tmdbId');
    movies.createIndex('titleWords', 'titleWords', { multiEntry: true });
    db.createObjectStore('meta', { keyPath: 'key' });
    const feedback = db.createObjectStore('feedback', { keyPath: 'id', autoIncrement: true });
    feedback.createIndex('movieId', 'movieId');
    feedback.createIndex('at', 'at');
    db.createObjectStore('seen', { keyPath: 'movieId' });
    db.createObjectStore('watchlist', { keyPath: 'movieId' });
    const history = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
    history.createIndex('at', 'at');
    db.createObjectStore('settings');
  },
  (db) => {
    db.createObjectStore('tmdbCache', { keyPath: 'tmdbId' });
  },
];
