/** Past mood checks: when, the mood (numbers only, never an image) and the picks shown. */
import type { Emotion } from '../mood/emotions';
import type { MoodSummary } from '../mood/summary';
import type { Database } from './db';
import type { StoredHistoryEntry } from './schema';
import { moodAsMeant } from '../mood/mood';

/** History keeps the newest entries only; older ones are dropped as new ones arrive. */
export const HISTORY_LIMIT = 500;

export async function recordMood(db: Database, mood: MoodSummary, picks: number[], at: number): Promise<number> {
  const tx = db.transaction('history', 'readwrite', { durability: 'strict' });
  const id = await tx.store.add({ at, mood, picks });
  const count = await tx.store.count();
  if (count > HISTORY_LIMIT) {
    let cursor = await tx.store.index('at').openCursor();
    for (let extra = count - HISTORY_LIMIT; cursor && extra > 0; extra--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
  return id;
}

/** The newest entries first. */
export async function listHistory(db: Database, limit = 50): Promise<StoredHistoryEntry[]> {
  const out: StoredHistoryEntry[] = [];
  let cursor = await db.transaction('history').store.index('at').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    // The key path is `id`: a stored entry's key is its id.
    out.push({ ...cursor.value, id: cursor.primaryKey });
    cursor = await cursor.continue();
  }
  return out;
}

/** The last check's mood, as the user corrected it if they did (the correction is what they said it really was). */
export async function latestMood(db: Database): Promise<(MoodSummary & { at: number }) | null> {
  const [entry] = await listHistory(db, 1);
  return entry ? { ...moodAsMeant(entry.mood, entry.corrected), at: entry.at } : null;
}

/** Adds the picks shown and/or the user's correction to an entry; false when the entry is gone. */
export async function updateHistory(
  db: Database,
  id: number,
  change: { picks: number[] | null; corrected: Emotion | null },
): Promise<boolean> {
  const tx = db.transaction('history', 'readwrite', { durability: 'strict' });
  const entry = await tx.store.get(id);
  if (entry) {
    await tx.store.put({
      ...entry,
      ...(change.picks ? { picks: change.picks } : {}),
      ...(change.corrected ? { corrected: change.corrected } : {}),
    });
  }
  await tx.done;
  return entry !== undefined;
}

/** Forgets one check (the user's own choice, from History); false when it was already gone. */
export async function forgetHistoryEntry(db: Database, id: number): Promise<boolean> {
  const tx = db.transaction('history', 'readwrite', { durability: 'strict' });
  const found = (await tx.store.getKey(id)) !== undefined;
  if (found) await tx.store.delete(id);
  await tx.done;
  return found;
}
