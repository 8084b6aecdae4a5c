/** The analysis page (the offscreen document running the face models) as the service worker sees it. */
import type { ExtensionSession } from './chromium';

/** How many analysis pages are open (0 or 1). */
export async function analysisPagesOpen(session: ExtensionSession): Promise<number> {
  const worker = await session.worker();
  return (await worker.evaluate(
    `chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).then((c) => c.length)`,
  )) as number;
}

/** When the idle alarm that closes it is due (ms since the epoch), or null when none is set. */
export async function idleAlarmDue(session: ExtensionSession): Promise<number | null> {
  const worker = await session.worker();
  return (await worker.evaluate(`chrome.alarms.get('analysis-idle').then((a) => (a ? a.scheduledTime : null))`)) as
    number | null;
}

/** The idle alarm brought forward to now, as if the page had gone unused its full time; false when none is set. */
export async function idleAlarmNow(session: ExtensionSession): Promise<boolean> {
  if ((await idleAlarmDue(session)) === null) return false;
  await (await session.worker()).evaluate(`chrome.alarms.create('analysis-idle', { when: Date.now() + 100 })`);
  return true;
}
