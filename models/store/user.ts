/** The user's own data: feedback events, seen and watchlist, and the learned user model. */
import { isFeedbackSignal, type FeedbackSignal } from '../learning/signals';
import { parseUserModel, type UserModel } from '../learning/user-model';
import type { MoodLesson } from '../learning/mood-lesson';
import type { IDBPTransaction } from 'idb';
import type { Movie } from '../catalogue/movie';
import { getMovies, withoutSearchFields, type TitlesElsewhere } from './catalogue';
import type { Database } from './db';
import type { FeedbackEvent, MoodreelDB } from './schema';

export const USER_MODEL_KEY = 'user-model';

export async function loadUserModel(db: Database): Promise<UserModel> {
  return parseUserModel(await db.get('settings', USER_MODEL_KEY));
}

/**
 * Records one piece of feedback and the model learned from it in a single durable transaction: the promise
 * resolves only after the browser has committed it, so the UI never confirms what could still be lost.
 */
export async function saveFeedback(
  db: Database,
  movieId: number,
  signal: FeedbackSignal,
  model: UserModel,
  at: number,
  mood: MoodLesson | null = null,
): Promise<number> {
  const tx = db.transaction(['feedback', 'seen', 'watchlist', 'settings'], 'readwrite', { durability: 'strict' });
  const id = tx.objectStore('feedback').add({ movieId, kind: signal, at, ...(mood ? { mood } : {}) });
  applyToTitle(tx, movieId, [{ movieId, kind: signal, at }], false);
  void tx.objectStore('settings').put(model, USER_MODEL_KEY);
  await tx.done;
  return id;
}

type UserTx = IDBPTransaction<MoodreelDB, ('feedback' | 'seen' | 'watchlist' | 'settings')[], 'readwrite'>;

/**
 * What a title's events mean for the seen and watchlist stores: seen once liked or marked seen; on the watchlist
 * while its latest mark is "watchlist". `replace` first forgets what the stores said (for an undo's replay).
 */
function applyToTitle(tx: UserTx, movieId: number, events: readonly FeedbackEvent[], replace: boolean): void {
  if (replace) {
    void tx.objectStore('seen').delete(movieId);
    void tx.objectStore('watchlist').delete(movieId);
  }
  for (const e of events) {
    if (e.kind === 'seen' || e.kind === 'up') void tx.objectStore('seen').put({ movieId, at: e.at });
    if (e.kind === 'watchlist') void tx.objectStore('watchlist').put({ movieId, at: e.at });
    else if (e.kind !== 'mood-correction') void tx.objectStore('watchlist').delete(movieId);
  }
}

/** Every feedback event, oldest first. */
export async function feedbackEvents(db: Database): Promise<FeedbackEvent[]> {
  return db.getAll('feedback');
}

/**
 * Feedback to forget: one event (an undo), every signal on a title (its mark taken back), or a title's signals of one
 * kind (`watchlist`: the title removed from the watchlist).
 */
export type FeedbackToForget = { eventId: number } | { movieId: number; kind?: FeedbackSignal };

/** Whether `e` is among the feedback `which` forgets. */
export const isForgotten =
  (which: FeedbackToForget) =>
  (e: FeedbackEvent): boolean =>
    'eventId' in which
      ? e.id === which.eventId
      : e.movieId === which.movieId && (which.kind ? e.kind === which.kind : isFeedbackSignal(e.kind));

/** A mark as stored: one of the five signals, with its id (what an undo puts back). */
export interface GivenMark extends FeedbackEvent {
  id: number;
  kind: FeedbackSignal;
}

const isGivenMark = (e: FeedbackEvent): e is GivenMark => e.id !== undefined && isFeedbackSignal(e.kind);

/**
 * Takes feedback back: the events go, their title's seen/watchlist entries are replayed from the events that remain,
 * and the model is replaced by `rebuilt` (the caller learns it from those same remaining events). Returns the marks
 * forgotten (none when there was no such event), which `restoreFeedback` puts back for an undo.
 */
export async function forgetFeedback(db: Database, which: FeedbackToForget, rebuilt: UserModel): Promise<GivenMark[]> {
  const tx = db.transaction(['feedback', 'seen', 'watchlist', 'settings'], 'readwrite', { durability: 'strict' });
  const event = 'eventId' in which ? await tx.objectStore('feedback').get(which.eventId) : null;
  const movieId = event ? event.movieId : 'movieId' in which ? which.movieId : null;
  const ofTitle = movieId === null ? [] : await tx.objectStore('feedback').index('movieId').getAll(movieId);
  const forgotten = ofTitle.filter(isForgotten(which));
  if (movieId === null || forgotten.length === 0) {
    await tx.done;
    return [];
  }
  for (const e of forgotten) void tx.objectStore('feedback').delete(e.id!);
  applyToTitle(
    tx,
    movieId,
    ofTitle.filter((e) => !forgotten.includes(e)),
    true,
  );
  void tx.objectStore('settings').put(rebuilt, USER_MODEL_KEY);
  await tx.done;
  return forgotten.filter(isGivenMark);
}

/**
 * Puts forgotten events back as they were (same ids, so in their old order), replays their titles' seen/watchlist
 * entries from all their events, and replaces the model by `rebuilt` (learned by the caller from every event then).
 */
export async function restoreFeedback(db: Database, events: readonly GivenMark[], rebuilt: UserModel): Promise<void> {
  const tx = db.transaction(['feedback', 'seen', 'watchlist', 'settings'], 'readwrite', { durability: 'strict' });
  for (const e of events) void tx.objectStore('feedback').put(e);
  for (const movieId of new Set(events.map((e) => e.movieId)))
    applyToTitle(tx, movieId, await tx.objectStore('feedback').index('movieId').getAll(movieId), true);
  void tx.objectStore('settings').put(rebuilt, USER_MODEL_KEY);
  await tx.done;
}

/** A title the user marked, with its latest mark and when it was given. */
export interface Mark {
  movie: Movie;
  signal: FeedbackSignal;
  at: number;
}

/**
 * The titles the user marked, the latest mark first: up to `limit`, only those whose latest mark is `only` when it is
 * given; `more` when there are others. Titles gone from the catalogue are left out.
 */
export async function listMarks(
  db: Database,
  limit: number,
  only: FeedbackSignal | null = null,
  elsewhere?: TitlesElsewhere,
): Promise<{ marks: Mark[]; more: boolean }> {
  const latest = new Map<number, { signal: FeedbackSignal; at: number }>();
  // Oldest first: a later event on a title replaces its earlier mark.
  for (const e of await feedbackEvents(db))
    if (isFeedbackSignal(e.kind)) {
      latest.delete(e.movieId);
      latest.set(e.movieId, { signal: e.kind, at: e.at });
    }
  const wanted = [...latest].filter(([, m]) => only === null || m.signal === only).reverse();
  const page = wanted.slice(0, limit);
  const movies = new Map(
    (
      await getMovies(
        db,
        page.map(([id]) => id),
        elsewhere,
      )
    ).map((m) => [m.movieId, m]),
  );
  const marks = page.flatMap(([id, m]) => {
    const movie = movies.get(id);
    return movie ? [{ movie: withoutSearchFields(movie), ...m }] : [];
  });
  return { marks, more: wanted.length > limit };
}

/**
 * Forgets the personal mood map: the model's map is emptied and the events lose the mood they were given in, so an
 * undo's replay cannot bring it back. Everything else the feedback taught stays.
 */
export async function resetMoodMap(db: Database): Promise<void> {
  const tx = db.transaction(['feedback', 'settings'], 'readwrite', { durability: 'strict' });
  const events = await tx.objectStore('feedback').getAll();
  for (const { mood, ...rest } of events) if (mood) void tx.objectStore('feedback').put(rest);
  const model = parseUserModel(await tx.objectStore('settings').get(USER_MODEL_KEY));
  void tx.objectStore('settings').put({ ...model, moodMap: {} }, USER_MODEL_KEY);
  await tx.done;
}

/** The watchlist, newest first, with each title (entries whose title is gone are left out). */
export async function listWatchlist(
  db: Database,
  elsewhere?: TitlesElsewhere,
): Promise<{ movie: Movie; at: number }[]> {
  const entries = (await db.getAll('watchlist')).sort((a, b) => b.at - a.at);
  const movies = new Map(
    (
      await getMovies(
        db,
        entries.map((e) => e.movieId),
        elsewhere,
      )
    ).map((m) => [m.movieId, m]),
  );
  return entries.flatMap((e) => {
    const m = movies.get(e.movieId);
    return m ? [{ movie: withoutSearchFields(m), at: e.at }] : [];
  });
}

export async function removeFromWatchlist(db: Database, movieId: number): Promise<void> {
  await db.delete('watchlist', movieId);
}
