/**
 * Owns the one offscreen document that runs face-api: creates it on demand, waits until it listens, reuses it.
 * Chrome-only API (Firefox has no offscreen documents).
 */
import { browser, type Browser } from 'wxt/browser';

const OFFSCREEN_PATH = 'offscreen.html';
const READY_TIMEOUT_MS = 15_000;

let creating: Promise<void> | null = null;
let markReady: (() => void) | null = null;

export function offscreenSupported(): boolean {
  return typeof browser.offscreen?.createDocument === 'function';
}

async function hasDocument(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
  });
  return contexts.length > 0;
}

/** Called when the offscreen document says it is listening. */
export function offscreenReady(): void {
  markReady?.();
}

/**
 * The offscreen document, created if there is none. Callers at the same moment (the popup's warm-up and its first
 * check) share one creation: the check for a document and its creation must not interleave, or the second creation
 * fails and the first never hears that its document is ready.
 */
export function ensureOffscreen(): Promise<void> {
  creating ??= (async () => {
    if (await hasDocument()) return;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The analysis page did not start in time')), READY_TIMEOUT_MS);
      markReady = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['BLOBS' as Browser.offscreen.Reason],
      justification: 'Decodes the image the user chose and runs the on-device face and expression models on it.',
    });
    await ready;
  })().finally(() => {
    creating = null;
    markReady = null;
  });
  return creating;
}

export async function closeOffscreen(): Promise<boolean> {
  if (creating) await creating.catch(() => undefined);
  if (!(await hasDocument())) return false;
  await browser.offscreen.closeDocument();
  return true;
}
