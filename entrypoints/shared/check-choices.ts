/**
 * The choices made on the picks of the last mood check (match or lift, how long, variety, different picks, more like
 * this), the list left on screen and those "Different picks" moved past, in the browser's session storage: the popup
 * reopened on that check shows the list as the user left it and can go back past it. Gone when the browser closes.
 */
import { storage } from 'wxt/utils/storage';
import {
  parseCheckChoices,
  type CheckChoices,
  type EarlierList,
  type KeptList,
  type PicksChoices,
} from '../../models/recommend/picks-choices';

const item = storage.defineItem<unknown>('session:checkChoices', { version: 1 });

/** The choices and lists kept for this check, or null (another check's, none, or the session storage unavailable). */
export async function choicesFor(historyId: number): Promise<CheckChoices | null> {
  try {
    const kept = parseCheckChoices(await item.getValue());
    return kept && kept.historyId === historyId ? kept : null;
  } catch (error) {
    console.warn('Moodreel: list choices not read', error);
    return null;
  }
}

/**
 * Keeps the choices, the list on screen (null while it comes) and the lists "Previous picks" can go back through from
 * it, for this check (one check's only: the last one's).
 */
export async function keepChoices(
  historyId: number,
  choices: PicksChoices,
  list: KeptList | null,
  earlier: EarlierList[],
): Promise<void> {
  await item.setValue({ historyId, ...choices, list, earlier: list ? earlier : [] });
}

/**
 * Forgets them if they are this check's (the check forgotten from History): its list's reasons name its mood. Only
 * one check's are ever kept, so another's stay.
 */
export async function forgetChoicesOf(historyId: number): Promise<void> {
  const kept = parseCheckChoices(await item.getValue().catch(() => null));
  // What does not read back cannot be shown again for any check, so it goes too.
  if (kept === null || kept.historyId === historyId) await forgetChoices();
}

/** Forgets them ("delete everything"); a session storage that cannot be reached holds nothing to forget. */
export async function forgetChoices(): Promise<void> {
  await item.removeValue().catch((error: unknown) => console.warn('Moodreel: list choices not forgotten', error));
}
