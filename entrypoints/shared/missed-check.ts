/**
 * A mood check the popup was closed on that ended without a mood (models/mood/missed-check.ts), in the browser's
 * session storage: the background keeps how each such check ended, the popup that gets the answer forgets it, and a
 * popup opened later finds it there. Gone when the browser closes.
 */
import { storage } from 'wxt/utils/storage';
import { parseMissedCheck, type MissedCheck } from '../../models/mood/missed-check';

const item = storage.defineItem<unknown>('session:missedCheck', { version: 1 });

/** Kept until a popup shows it or the popup that began the check gets its answer. */
export async function keepMissedCheck(missed: MissedCheck): Promise<void> {
  // Not kept, the check is still answered: only a popup opened later misses it.
  await item.setValue(missed).catch((error: unknown) => console.warn('Moodreel: missed check not kept', error));
}

/** The missed check kept, forgotten as it is read (it is told once); null if none. */
export async function takeMissedCheck(): Promise<MissedCheck | null> {
  const kept = parseMissedCheck(await item.getValue());
  await item.removeValue();
  return kept;
}

/** Forgets it (its popup got the answer, or "delete everything"); a storage that cannot be reached holds nothing. */
export async function forgetMissedCheck(): Promise<void> {
  await item.removeValue().catch((error: unknown) => console.warn('Moodreel: missed check not forgotten', error));
}
