/**
 * A right-click read refused because the browser keeps Moodreel out of the page (a file from the computer, the web
 * store): nothing can be shown on that page, so the tab's toolbar button says so and the popup, opened on that tab,
 * tells why and what to do. Kept in the browser's session storage (the worker may sleep before the popup opens), for
 * one tab at a time: the latest refusal is the one to tell.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { hasOnlyKeys, isRecord } from '../../models/checks';
import { isClosedPage, problemText, type ClosedPage } from '../../models/problems';

const item = storage.defineItem<unknown>('session:closedPage', { version: 1 });

/** Told this long after the refusal at most: later, the popup opened on that tab is about something else. */
const TOLD_WITHIN_MS = 10 * 60_000;

interface Refusal {
  tabId: number;
  code: ClosedPage;
  at: number;
}

function parseRefusal(raw: unknown): Refusal | null {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['tabId', 'code', 'at'])) return null;
  const { tabId, code, at } = raw;
  if (typeof tabId !== 'number' || typeof at !== 'number') return null;
  return isClosedPage(code) ? { tabId, code, at } : null;
}

// Manifest V2 (Firefox) knows the toolbar button as the browser action.
const toolbar = () => browser.action ?? browser.browserAction;

/** The toolbar button of the tab as it is without a refusal to tell. */
async function unmark(tabId: number): Promise<void> {
  const action = toolbar();
  await Promise.all([
    action.setBadgeText({ tabId, text: '' }),
    action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') }),
  ]);
}

/** The refusal marked on the tab's toolbar button, kept for the popup, which opens on it where the browser lets it. */
export async function tellClosedPage(tabId: number, code: ClosedPage): Promise<void> {
  const earlier = parseRefusal(await item.getValue());
  await item.setValue({ tabId, code, at: Date.now() } satisfies Refusal);
  // Another tab's refusal, no longer kept, is no longer marked (a tab closed since refuses the change: nothing to do).
  if (earlier && earlier.tabId !== tabId) await unmark(earlier.tabId).catch(() => undefined);
  const action = toolbar();
  await Promise.all([
    action.setBadgeText({ tabId, text: '!' }),
    action.setBadgeBackgroundColor({ tabId, color: '#b3261e' }),
    action.setTitle({ tabId, title: browser.i18n.getMessage(problemText(code).title) }),
  ]);
  // Chrome opens the popup from the menu's click; where the browser refuses (Firefox, once the click's moment has
  // passed), the button's mark stays until the user opens it.
  await action.openPopup?.().catch(() => undefined);
}

/** The refusal kept, forgotten and its tab unmarked: this tab's only, or whichever tab's (null); null if none. */
async function take(tabId: number | null): Promise<Refusal | null> {
  const refusal = parseRefusal(await item.getValue());
  if (tabId !== null && refusal?.tabId !== tabId) return null;
  // Whichever tab's, it goes even where it does not read back (no version can tell such a value).
  await item.removeValue();
  if (refusal) await unmark(refusal.tabId).catch(() => undefined);
  return refusal;
}

/** The refusal on this tab told lately, once (the popup shows it now); null where there is none. */
export async function takeClosedPage(tabId: number): Promise<ClosedPage | null> {
  const refusal = await take(tabId);
  return refusal && Date.now() - refusal.at <= TOLD_WITHIN_MS ? refusal.code : null;
}

/** Forgets the refusal kept, whichever tab's, and unmarks that tab ("delete everything"). */
export async function forgetClosedPage(): Promise<void> {
  await take(null);
}

/** A refusal is about the page it came from: the tab loading another (or the same again) forgets it and its mark. */
export function forgetClosedPageOnLeaving(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading')
      takeClosedPage(tabId).catch((error: unknown) => console.warn('Moodreel: refused read not forgotten', error));
  });
}
