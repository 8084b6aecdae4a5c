/** The user's own data: feedback events, seen and watchlist, and the learned user model. */
import type { FeedbackSignal } from '../learning/signals';
import { parseUserModel, type UserModel } from '../learning/user-model';
import type { MoodLesson } from '../learning/mood-lesson';
import type { IDBPTransaction } from 'idb';
import type { Movie } from '../catalogue/movie';
import { getMovies, withoutSearchFields } from './catalogue';
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
 * while its latest event is "watchlist". `replace` first forgets what the stores said (for an undo's replay).
 */
function applyToTitle(tx: UserTx, movieId: number, events: readonly FeedbackEvent[], replace: boolean): void {
  if (replace) void tx.objectStore('seen').delete(movieId);
  for (const e of events) {
    if (e.kind === 'seen' || e.kind === 'up') void tx.objectStore('seen').put({ movieId, at: e.at });
    if (e.kind === 'watchlist') void tx.objectStore('watchlist').put({ movieId, at: e.at });
    else if (e.kind !== 'mood-correction') void tx.objectStore('watchlist').delete(movieId);
  }
  if (replace && events.length === 0) void tx.objectStore('watchlist').delete(movieId);
}

/** Every feedback event, oldest first. */
export async function feedbackEvents(db: Database): Promise<FeedbackEvent[]> {
  return db.getAll('feedback');
}

/**
 * Takes one feedback event back: the event goes, its title's seen/watchlist entries are replayed from the events
 * that remain, and the model is replaced by `rebuilt` (the caller learns it from those same remaining events).
 * False when there was no such event.
 */
export async function undoFeedback(db: Database, eventId: number, rebuilt: UserModel): Promise<boolean> {
  const tx = db.transaction(['feedback', 'seen', 'watchlist', 'settings'], 'readwrite', { durability: 'strict' });
  const event = await tx.objectStore('feedback').get(eventId);
  if (!event) {
    await tx.done;
    return false;
  }
  void tx.objectStore('feedback').delete(eventId);
  const remaining = (await tx.objectStore('feedback').index('movieId').getAll(event.movieId)).filter(
    (e) => e.id !== eventId,
  );
  applyToTitle(tx, event.movieId, remaining, true);
  void tx.objectStore('settings').put(rebuilt, USER_MODEL_KEY);
  await tx.done;
  return true;
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
export async function listWatchlist(db: Database): Promise<{ movie: Movie; at: number }[]> {
  const entries = (await db.getAll('watchlist')).sort((a, b) => b.at - a.at);
  const movies = new Map(
    (
      await getMovies(
        db,
        entries.map((e) => e.movieId),
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
