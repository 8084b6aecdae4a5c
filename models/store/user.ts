/** The user's own data: feedback events, seen and watchlist, and the learned user model. */
import { parseUserModel, type FeedbackSignal, type UserModel } from '../learning/user-model';
import type { Database } from './db';

const USER_MODEL_KEY = 'user-model';

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
): Promise<void> {
  const tx = db.transaction(['feedback', 'seen', 'watchlist', 'settings'], 'readwrite', { durability: 'strict' });
  void tx.objectStore('feedback').add({ movieId, kind: signal, at });
  if (signal === 'seen' || signal === 'up') void tx.objectStore('seen').put({ movieId, at });
  if (signal === 'watchlist') void tx.objectStore('watchlist').put({ movieId, at });
  else void tx.objectStore('watchlist').delete(movieId);
  void tx.objectStore('settings').put(model, USER_MODEL_KEY);
  await tx.done;
}
