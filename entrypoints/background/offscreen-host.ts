/**
 * Owns the one page that runs face-api, created on demand and reused: Chrome's offscreen document (its service
 * worker has no DOM), or in Firefox, which has no offscreen documents but whose background page has a DOM, the same
 * page in a hidden frame of the background page. One code path for the rest: both listen to runtime messages and say
 * `offscreen:ready` when they listen.
 */
import { browser, type Browser } from 'wxt/browser';

const OFFSCREEN_PATH = 'offscreen.html';
const READY_TIMEOUT_MS = 15_000;

interface Host {
  exists(): Promise<boolean>;
  create(): Promise<void>;
  close(): Promise<void>;
}

const offscreenDocument: Host = {
  async exists() {
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
    });
    return contexts.length > 0;
  },
  async create() {
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['BLOBS' as Browser.offscreen.Reason],
      justification: 'Decodes the image the user chose and runs the on-device face and expression models on it.',
    });
  },
  async close() {
    await browser.offscreen.closeDocument();
  },
};

let frame: HTMLIFrameElement | null = null;
const backgroundFrame: Host = {
  async exists() {
    return frame?.isConnected ?? false;
  },
  async create() {
    frame = document.createElement('iframe');
    frame.hidden = true;
    frame.src = browser.runtime.getURL(`/${OFFSCREEN_PATH}`);
    document.body.append(frame);
  },
  async close() {
    frame?.remove();
    frame = null;
  },
};

function host(): Host | null {
  if (typeof browser.offscreen?.createDocument === 'function') return offscreenDocument;
  if (typeof document !== 'undefined' && document.body) return backgroundFrame;
  return null;
}

let creating: Promise<void> | null = null;
let markReady: (() => void) | null = null;

export function offscreenSupported(): boolean {
  return host() !== null;
}

/** Called when the analysis page says it is listening. */
export function offscreenReady(): void {
  markReady?.();
}

/**
 * The analysis page, created if there is none. Callers at the same moment (the popup's warm-up and its first check)
 * share one creation: the check for a page and its creation must not interleave, or the second creation fails and
 * the first never hears that its page is ready.
 */
export function ensureOffscreen(): Promise<void> {
  const h = host();
  if (!h) return Promise.reject(new Error('This browser cannot run the analysis page.'));
  creating ??= (async () => {
    if (await h.exists()) return;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The analysis page did not start in time')), READY_TIMEOUT_MS);
      markReady = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    await h.create();
    await ready;
  })().finally(() => {
    creating = null;
    markReady = null;
  });
  return creating;
}

/**
 * The analysis page holds the face models, a few hundred MB, for as long as it is open: it is closed once unused for
 * this long, and the next check (or the popup's warm-up) opens it again. An alarm, not a timer: the worker may be
 * stopped long before.
 */
export const IDLE_ALARM = 'analysis-idle';
export const IDLE_MINUTES = 5;

let inUse = 0;

async function closeLater(): Promise<void> {
  try {
    await browser.alarms.create(IDLE_ALARM, { delayInMinutes: IDLE_MINUTES });
  } catch (error) {
    console.warn('Moodreel: the analysis page will stay open', error);
  }
}

/** Runs `use` of the analysis page; the idle countdown starts again when the last use ends. */
export async function inUseWhile<T>(use: () => Promise<T>): Promise<T> {
  inUse++;
  try {
    return await use();
  } finally {
    if (--inUse === 0) void closeLater();
  }
}

/** The idle alarm went off: the page is closed, unless a use is under way (the countdown then starts again). */
export async function closeIfIdle(): Promise<void> {
  if (inUse > 0) return closeLater();
  await closeOffscreen();
}

export async function closeOffscreen(): Promise<boolean> {
  const h = host();
  if (creating) await creating.catch(() => undefined);
  if (!h || !(await h.exists())) return false;
  await h.close();
  return true;
}
