/**
 * Launches Debian's Chromium headless with the built extension loaded (and optionally a fake camera), the way a
 * user runs it. Shared by the e2e tests and the benchmark scripts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer';
import { BROWSER_HOUR, timeZoneAt } from './clock';

/** The built extension; MOODREEL_EXTENSION points elsewhere (e.g. a copy of an earlier build for an A/B). */
export const EXTENSION_DIR = resolve(process.env.MOODREEL_EXTENSION ?? '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags headless Chromium needs on these machines (no sandbox as root, no GPU, no background network). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface LaunchOptions {
  /** A .y4m or .mjpeg file the fake camera plays; without it, the browser has no camera at all. */
  fakeVideo?: string;
  /** Auto-accept camera prompts (default: when a fake video is given). Without it, camera requests are refused. */
  acceptCamera?: boolean;
  extraArgs?: string[];
  /** A profile to start from and keep (a browser restart); by default a fresh one, removed on close. */
  userDataDir?: string;
  /** The browser's UI language (e.g. "de", "pt_BR"; Linux Chromium reads it from LANGUAGE), by default English. */
  language?: string;
  /**
   * The local hour the browser's clock reads at launch (its time zone is chosen to make it so), by default
   * BROWSER_HOUR.
   */
  hour?: number;
  /** A time zone by name (e.g. "Asia/Kolkata"), in place of the one `hour` chooses. */
  timeZone?: string;
  /** Another build to load (e.g. a copy with a damaged file), by default EXTENSION_DIR. */
  extensionDir?: string;
}

export interface ExtensionSession {
  browser: Browser;
  extensionId: string;
  /** Opens an extension page (e.g. `popup.html`) in a new tab. */
  openPage(path: string): Promise<Page>;
  /** The background service worker, for DevTools evaluation (e.g. dispatching a context-menu click). */
  worker(): Promise<WebWorker>;
  /** Clicks the toolbar button for this page's tab, as a user does: it grants activeTab and opens the popup. */
  clickAction(page: Page): Promise<void>;
  close(): Promise<void>;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'moodreel-chromium-'));
  const removeProfile = () => {
    if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  };
  const args = [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])];
  if (options.fakeVideo) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${options.fakeVideo}`);
  }
  if (options.acceptCamera ?? Boolean(options.fakeVideo)) args.push('--use-fake-ui-for-media-stream');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args,
    enableExtensions: [extensionDir],
    pipe: true,
    env: {
      ...process.env,
      LANGUAGE: options.language ?? 'en',
      TZ: options.timeZone ?? timeZoneAt(options.hour ?? BROWSER_HOUR),
    },
  });
  try {
    const worker = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'),
      { timeout: 20_000 },
    );
    const extensionId = new URL(worker.url()).host;
    return {
      browser,
      extensionId,
      async openPage(path) {
        const page = await browser.newPage();
        await page.goto(`chrome-extension://${extensionId}/${path}`);
        return page;
      },
      async worker() {
        const target = await browser.waitForTarget(
          (t) => t.type() === 'service_worker' && t.url() === `chrome-extension://${extensionId}/background.js`,
        );
        return (await target.worker())!;
      },
      async clickAction(page) {
        const extension = (await browser.extensions()).get(extensionId);
        if (!extension) throw new Error('Moodreel is not installed');
        await page.triggerExtensionAction(extension);
      },
      async close() {
        await browser.close();
        removeProfile();
      },
    };
  } catch (error) {
    await browser.close();
    removeProfile();
    throw error;
  }
}

type WireReply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/**
 * Sends a protocol message from an extension page and unwraps the reply (an error reply throws "code: message"). In
 * Chromium or Firefox: Firefox's promise API is `browser` (its `chrome` answers through callbacks in Manifest V2).
 */
export async function askFrom<T>(page: Page, message: unknown): Promise<T> {
  const reply = (await page.evaluate(
    (m) => ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime.sendMessage(m),
    message,
  )) as WireReply<T>;
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/**
 * Evaluates `expression` in the isolated world of Moodreel's content script on `page` (DevTools sees every world;
 * the page itself cannot), e.g. to read the overlay's counters or to send messages as the content script would.
 */
export async function evaluateInContentScript<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push({ id: e.context.id, name: e.context.name }));
  try {
    await cdp.send('Runtime.enable');
    await new Promise((r) => setTimeout(r, 100));
    const context = contexts.find((c) => c.name === 'Moodreel');
    if (!context) throw new Error('The Moodreel content script is not running on this page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: context.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

/**
 * Stops the extension's service worker, as Chrome does when it is idle (through DevTools on `page`), and waits until
 * it is gone: the next message starts a new one.
 */
export async function stopServiceWorker(session: ExtensionSession, page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach();
  }
  const running = () => session.browser.targets().some((t) => t.type() === 'service_worker');
  const deadline = Date.now() + 10_000;
  while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (running()) throw new Error('The service worker did not stop');
}

/** Every record of the given stores of Moodreel's database, read in one transaction from an extension page. */
export function readStores(page: Page, stores: readonly string[]): Promise<Record<string, unknown[]>> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('moodreel');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = ${JSON.stringify(stores)};
      const tx = db.transaction(names);
      const out = {};
      for (const n of names) { const r = tx.objectStore(n).getAll(); r.onsuccess = () => { out[n] = r.result; }; }
      tx.oncomplete = () => { db.close(); resolve(out); };
    };
  })`) as Promise<Record<string, unknown[]>>;
}

/** Every record of one store of Moodreel's database. */
export async function storeRecords(page: Page, store: string): Promise<unknown[]> {
  return (await readStores(page, [store]))[store] ?? [];
}
