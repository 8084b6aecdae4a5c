/**
 * Hardening in the built extension: what leaves the browser (nothing), what stays (no image), random and foreign
 * messages, a hostile title, an old database, and the bad inputs and bad moments of the matrix.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Page } from 'puppeteer';
import { afterEach, describe, expect, it } from 'vitest';
import {
  askFrom,
  EXTENSION_DIR,
  evaluateInContentScript,
  launchExtension,
  readStores,
  stopServiceWorker,
  type ExtensionSession,
} from '../support/chromium';
import { analysisPagesOpen, idleAlarmDue, idleAlarmNow } from '../support/analysis-page';
import { inOverlay, waitInOverlay } from '../support/overlay';
import { dataUrl, FACES, fakeCameraVideo } from '../support/images';
import { recordContexts } from '../support/network-log';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { clipOf, startSiteServer, type SiteServer } from '../support/site-server';
import { scratchDir } from '../support/scratch';
import { pickIds, pickReplaced } from '../support/picks';

const work = scratchDir('hardening');
let session: ExtensionSession | null = null;
let server: SiteServer | null = null;
let proxy: RecordingProxy | null = null;

afterEach(async () => {
  await session?.close();
  await server?.close();
  await proxy?.close();
  session = server = proxy = null;
});

const USER_STORES = ['feedback', 'seen', 'watchlist', 'history', 'settings', 'meta', 'tmdbCache'];
/** Runs a mood check on an image file through the popup's file picker; the mood or the notice that came of it. */
async function checkFile(
  popup: Page,
  file: string,
): Promise<{ mood: string | null; notice: string | null; faces: number }> {
  await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(file);
  await popup.waitForSelector('[data-testid="working"]', { timeout: 5_000 }).catch(() => undefined);
  // The check's own notice, not one the picks under its mood may show as soon as the mood is there (a damaged
  // catalogue fails at once): the mood wins when both are on screen.
  const checkNotice = '[data-testid="notice"]:not(.picks *)';
  await popup.waitForSelector(`[data-testid="mood"], ${checkNotice}`, { timeout: 90_000 });
  const notice = await popup.$eval(checkNotice, (n) => n.getAttribute('data-code')).catch(() => null);
  if (notice && !(await popup.$('[data-testid="mood-word"]'))) return { mood: null, notice, faces: 0 };
  return {
    mood: await popup.$eval('[data-testid="mood-word"]', (e) => e.textContent),
    notice: null,
    // Faces read: "3 faces", or "the 12 largest of 29 faces" in a crowd.
    faces: Number(/\d+/.exec(await popup.$eval('[data-testid="face-count"]', (e) => e.textContent ?? ''))?.[0]),
  };
}

/**
 * Launches a copy of the build with one shipped file (a path inside it) cut in half, as a damaged install would
 * have it; the returned function makes the file whole again (an unpacked extension reads it from disk).
 */
async function launchDamaged(path: string): Promise<() => void> {
  const build = mkdtempSync(join(work, 'damaged-build-'));
  cpSync(EXTENSION_DIR, build, { recursive: true });
  const file = join(build, path);
  const whole = readFileSync(file);
  writeFileSync(file, whole.subarray(0, whole.length >> 1));
  session = await launchExtension({ extensionDir: build });
  return () => writeFileSync(file, whole);
}

function ffmpeg(input: string, out: string, ...args: string[]): string {
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', input, ...args, out]);
  return out;
}

/** The extension with the fixture sites served under their real names (a face clip as their video). */
async function launchWithSites(): Promise<ExtensionSession> {
  server = await startSiteServer(faceClipDir());
  return launchExtension({ extraArgs: server.chromiumArgs });
}

function faceClipDir(): string {
  const media = mkdtempSync(join(work, 'media-'));
  clipOf(join(FACES, 'skimage_astronaut.png'), join(media, 'face.webm'));
  return media;
}

describe('privacy proof', () => {
  it('a full journey without a TMDB key sends nothing anywhere but the fixture page, and keeps no image', async () => {
    server = await startSiteServer(faceClipDir());
    proxy = await startRecordingProxy(['www.youtube.com'], server.port);
    session = await launchExtension({
      fakeVideo: fakeCameraVideo(join(FACES, 'skimage_astronaut.png'), join(work, 'privacy.y4m')),
      extraArgs: proxy.chromiumArgs,
    });
    const contexts = await recordContexts(session.browser);
    const popup = await session.openPage('popup.html');
    await popup.click('[data-testid="check-camera"]');
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 90_000 });
    const [first] = await pickIds(popup);
    await popup.click(`[data-movie-id="${first}"] [data-signal="up"]`);
    await popup.waitForSelector('[data-testid="undo-bar"]');

    const site = await session.browser.newPage();
    await site.goto('https://www.youtube.com/watch?v=privacy');
    await waitInOverlay(site, '[data-testid="overlay-badge"]', 20_000);
    await site.click(inOverlay('[data-testid="overlay-badge"]'));
    await waitInOverlay(site, '[data-testid="pick"]', 60_000);
    await site.click(inOverlay('[data-testid="pick"] [data-signal="down"]'));
    await waitInOverlay(site, '[data-testid="undo-bar"]', 20_000);

    // Who asked for what: Moodreel's contexts (worker, offscreen document, popup, the page with its content
    // script) fetched only the extension's own files and the fixture page.
    await contexts.stop();
    // (chrome:// contexts are the browser's own UI, such as the omnibox.)
    const ours = contexts.requests.filter((r) => !r.context.startsWith('chrome://'));
    const outside = ours.filter((r) => !/^(chrome-extension:|data:|blob:|https:\/\/www\.youtube\.com\/)/.test(r.url));
    expect(outside).toEqual([]);
    expect(contexts.requests.some((r) => r.context.endsWith('/background.js'))).toBe(true);
    // What left the browser: the fixture page, and Chromium's own background calls to Google (clock, component
    // updates, sign-in), which a browser without Moodreel makes just the same (see docs/privacy.md, "Privacy proof").
    const left = [
      ...new Set(proxy.requests.map((r) => r.target.replace(/^https?:\/\/([^/]+).*$/, '$1').replace(/:\d+$/, ''))),
    ];
    expect(left).toContain('www.youtube.com');
    expect(
      left.filter((h) => h !== 'www.youtube.com' && !/(^|\.)(google\.com|googleapis\.com|gstatic\.com)$/.test(h)),
    ).toEqual([]);

    // No image data in IndexedDB, in extension storage, or left in the offscreen document.
    const stored = JSON.stringify(await readStores(popup, USER_STORES));
    expect(stored).toContain('"kind":"up"');
    expect(stored).not.toMatch(/data:image|\/9j\/|iVBORw0KGgo/);
    const local = JSON.stringify(await popup.evaluate(`chrome.storage.local.get(null)`));
    expect(local).not.toMatch(/data:image|\/9j\/|iVBORw0KGgo/);
    const offscreen = session.browser.targets().find((t) => t.url().endsWith('/offscreen.html'))!;
    const cdp = await offscreen.createCDPSession();
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `document.querySelectorAll('img, canvas, video').length + (document.documentElement.outerHTML.match(/data:image/g) ?? []).length`,
      returnByValue: true,
    });
    expect(result.value).toBe(0);
    const before = await askFrom<{ numTensors: number }>(popup, { type: 'inference-stats' });
    await askFrom(popup, {
      type: 'analyze-image',
      image: dataUrl(join(FACES, 'face-api_sample1.jpg')),
      detector: 'tiny',
      backend: 'auto',
    });
    expect((await askFrom<{ numTensors: number }>(popup, { type: 'inference-stats' })).numTensors).toBe(
      before.numTensors,
    );
  });
});

describe('message security', () => {
  /** Payloads that can never be valid: anything at all, or a known type with a field no message has. */
  const invalid = fc.oneof(
    fc.anything(),
    fc
      .tuple(
        fc.constantFrom('analyze-image', 'feedback', 'mood-record', 'privacy-import', 'privacy-delete', 'recommend'),
        fc.dictionary(fc.string(), fc.anything()),
        fc.anything(),
      )
      .map(([type, rest, junk]) => ({ ...rest, type, fuzzedField: junk })),
  );

  it('random payloads from an extension page and from a content script change nothing; foreign asks are refused', async () => {
    session = await launchWithSites();
    const page = await session.openPage('options.html');
    await askFrom(page, { type: 'catalogue-ensure' });
    const payloads = fc.sample(invalid, { numRuns: 1500, seed: 42 }).map((p) => {
      try {
        return JSON.parse(JSON.stringify(p ?? null)) as unknown; // what structured cloning can carry
      } catch {
        return null;
      }
    });
    const replies = (await page.evaluate(
      `Promise.all(${JSON.stringify(payloads)}.map((m) => chrome.runtime.sendMessage(m).catch((e) => ({ thrown: String(e) }))))`,
    )) as unknown[];
    expect(replies.filter((r) => r && typeof r === 'object' && 'ok' in r && r.ok === true)).toEqual([]);

    // The content script may ask for analysis and picks, never for the user's data.
    const site = await session.browser.newPage();
    await site.goto('https://www.youtube.com/watch?v=fuzz');
    await waitInOverlay(site, '[data-testid="overlay-badge"]', 20_000);
    const foreign = await evaluateInContentScript<{ ok: boolean; error?: { code: string } }[]>(
      site,
      `Promise.all([{ type: 'privacy-export' }, { type: 'privacy-delete' }, { type: 'tmdb-refresh' },
        { type: 'movies-search', query: 'a', limit: 5 }, { type: 'reset-inference' }].map((m) => chrome.runtime.sendMessage(m)))`,
    );
    expect(foreign.map((r) => r.error?.code)).toEqual(Array(5).fill('foreign-sender'));
    const fromContent = await evaluateInContentScript<unknown[]>(
      site,
      `Promise.all(${JSON.stringify(payloads.slice(0, 500))}.map((m) => chrome.runtime.sendMessage(m).catch(() => null)))`,
    );
    expect(fromContent.filter((r) => r && typeof r === 'object' && 'ok' in r && r.ok === true)).toEqual([]);

    // Nothing was stored, and Moodreel still answers.
    const stores = await readStores(page, ['feedback', 'seen', 'watchlist', 'history']);
    for (const records of Object.values(stores)) expect(records).toEqual([]);
    expect((await askFrom<{ status: string }>(page, { type: 'catalogue-ensure' })).status).toBe('complete');
    // Web pages cannot reach the extension at all, nor probe its files.
    expect(await site.evaluate(`typeof chrome.runtime?.sendMessage`)).toBe('undefined');
    const probe = await site.evaluate(
      `fetch('chrome-extension://${session.extensionId}/weights/tiny_face_detector_model-weights_manifest.json').then(() => 'readable', () => 'blocked')`,
    );
    expect(probe).toBe('blocked');
    const manifest = JSON.parse(readFileSync('.output/chrome-mv3/manifest.json', 'utf8')) as Record<string, unknown>;
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('renders a hostile title as text in the popup and in the overlay', async () => {
    session = await launchWithSites();
    const page = await session.openPage('popup.html');
    await askFrom(page, { type: 'catalogue-ensure' });
    const hostile = '<img src=x onerror="window.__pwned=1">';
    // A catalogue title as TMDB might one day send it, and the user saves it to the watchlist.
    await page.evaluate(`new Promise((resolve) => {
      const open = indexedDB.open('moodreel');
      open.onsuccess = () => {
        const tx = open.result.transaction('movies', 'readwrite');
        const store = tx.objectStore('movies');
        store.get(1).onsuccess = (e) => store.put({ ...e.target.result, movieId: 987654321, title: ${JSON.stringify(hostile)} });
        tx.oncomplete = () => { open.result.close(); resolve(); };
      };
    })`);
    await askFrom(page, { type: 'feedback', movieId: 987654321, signal: 'watchlist' });
    await page.click('[data-testid="tab-watchlist"]');
    await page.waitForSelector('[data-testid="watchlist-item"][data-movie-id="987654321"]');
    expect(await page.$eval('[data-testid="watchlist-item"] .pick-title', (e) => e.textContent)).toContain(hostile);
    expect(await page.$('img[src="x"]')).toBeNull();
    expect(await page.evaluate(`window.__pwned`)).toBeUndefined();

    // The overlay shows the page's own title the same way.
    const site = await session.browser.newPage();
    await site.goto('https://www.youtube.com/watch?v=xss');
    await site.evaluate((t) => {
      document.querySelector('[data-fixture-title]')!.textContent = t;
    }, hostile);
    await waitInOverlay(site, '[data-testid="overlay-badge"]', 20_000);
    await site.click(inOverlay('[data-testid="overlay-badge"]'));
    await site.waitForFunction(
      (t) =>
        document.querySelector('moodreel-overlay')?.shadowRoot?.querySelector('[data-testid="overlay-watching"]')
          ?.textContent === `Watching: ${t}`,
      { timeout: 10_000 },
      hostile,
    );
    expect(
      await site.evaluate(`document.querySelector('moodreel-overlay').shadowRoot.querySelector('img[src="x"]')`),
    ).toBeNull();
    expect(await site.evaluate(`window.__pwned`)).toBeUndefined();
  });
});

describe('data safety', () => {
  it('upgrades a database written by schema version 1 without losing feedback, watchlist, history or settings', async () => {
    session = await launchExtension();
    const page = await session.openPage('options.html');
    await askFrom(page, { type: 'catalogue-ensure' });
    // Replace the database with one as version 1 wrote it (the worker steps aside on versionchange).
    const written = await page.evaluate(`new Promise((resolve, reject) => {
      const del = indexedDB.deleteDatabase('moodreel');
      del.onerror = () => reject(del.error);
      del.onsuccess = () => {
        const open = indexedDB.open('moodreel', 1);
        open.onupgradeneeded = () => {
          const db = open.result;
          const movies = db.createObjectStore('movies', { keyPath: 'movieId' });
          movies.createIndex('tmdbId', 'tmdbId');
          movies.createIndex('titleWords', 'titleWords', { multiEntry: true });
          db.createObjectStore('meta', { keyPath: 'key' });
          const feedback = db.createObjectStore('feedback', { keyPath: 'id', autoIncrement: true });
          feedback.createIndex('movieId', 'movieId');
          feedback.createIndex('at', 'at');
          db.createObjectStore('seen', { keyPath: 'movieId' });
          db.createObjectStore('watchlist', { keyPath: 'movieId' });
          const history = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
          history.createIndex('at', 'at');
          db.createObjectStore('settings');
        };
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['feedback', 'seen', 'watchlist', 'history', 'settings'], 'readwrite');
          tx.objectStore('feedback').add({ movieId: 1, kind: 'up', at: 1000 });
          tx.objectStore('feedback').add({ movieId: 318, kind: 'watchlist', at: 2000 });
          tx.objectStore('seen').put({ movieId: 1, at: 1000 });
          tx.objectStore('watchlist').put({ movieId: 318, at: 2000 });
          tx.objectStore('history').add({ at: 3000, picks: [1, 2], mood: { probabilities: { neutral: 0, happy: 1, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 }, confidence: 0.9, faceCount: 1, source: 'camera' } });
          tx.objectStore('settings').put({ signals: { 1: 'up', 318: 'watchlist' }, vector: null, genres: { Comedy: 1 }, people: {}, keywords: {} }, 'user-model');
          tx.oncomplete = () => { db.close(); resolve(db.version); };
        };
      };
    })`);
    expect(written).toBe(1);
    // Any request makes the worker open (and upgrade) the database; the catalogue is imported again.
    expect((await askFrom<{ status: string }>(page, { type: 'catalogue-ensure' })).status).toBe('complete');
    const version = await page.evaluate(
      `new Promise((r) => { const o = indexedDB.open('moodreel'); o.onsuccess = () => { r(o.result.version); o.result.close(); }; })`,
    );
    expect(version).toBe(2);
    const data = await askFrom<{
      feedback: unknown[];
      watchlist: unknown[];
      history: unknown[];
      userModel: { signals: object };
    }>(page, { type: 'privacy-export' });
    expect(data.feedback).toHaveLength(2);
    expect(data.watchlist).toEqual([{ movieId: 318, at: 2000 }]);
    expect(data.history).toHaveLength(1);
    expect(data.userModel.signals).toEqual({ 1: 'up', 318: 'watchlist' });
    // And the upgraded database works: the watchlist lists the title, new feedback lands.
    expect((await askFrom<{ movie: { movieId: number } }[]>(page, { type: 'watchlist-list' }))[0]!.movie.movieId).toBe(
      318,
    );
    await askFrom(page, { type: 'feedback', movieId: 2, signal: 'down' });
  });
});

describe('a worker stopped mid-flow', () => {
  it('picks on screen, the service worker stopped: feedback still lands and the picks move on', async () => {
    session = await launchExtension();
    const popup = await session.openPage('popup.html');
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    const [first] = await pickIds(popup);
    // Chrome stops idle workers whenever it likes; the popup must not notice.
    await stopServiceWorker(session, popup);
    await popup.click(`[data-movie-id="${first}"] [data-signal="down"]`);
    await pickReplaced(popup, first!);
    expect((await readStores(popup, ['feedback'])).feedback).toEqual([
      expect.objectContaining({ movieId: Number(first), kind: 'down' }),
    ]);
  });
});

describe('a damaged catalogue file', () => {
  it('says so plainly where picks and the catalogue status would be, keeps the mood, and recovers on Try again', async () => {
    const mend = await launchDamaged('catalogue/movies.json.gz');

    const popup = await session!.openPage('popup.html');
    expect(await checkFile(popup, join(FACES, 'human_person-vlado.jpg'))).toMatchObject({ notice: null, faces: 1 });
    const picksNotice = '.picks [data-testid="notice"][data-code="catalogue-failed"]';
    await popup.waitForSelector(picksNotice, { timeout: 30_000 });
    expect(await popup.$('[data-testid="no-picks"]')).toBeNull();
    const options = await session!.openPage('options.html');
    await options.waitForSelector('[data-testid="notice"][data-code="catalogue-failed"]', { timeout: 30_000 });
    expect(await options.$('[data-testid="catalogue-status"]')).toBeNull();

    // The file whole again (an unpacked extension reads it from disk): one click on each page brings it back.
    mend();
    await options.click('[data-testid="notice"] button');
    await options.waitForSelector('[data-testid="catalogue-status"][data-status="complete"]', { timeout: 60_000 });
    const status = await options.$eval('[data-testid="catalogue-status"]', (e) => e.textContent ?? '');
    expect(status).toMatch(/^[\d,]{6} titles \(ready, version /);
    // A tab in the background draws no frames, so a click there would wait for ever.
    await popup.bringToFront();
    await popup.click(`${picksNotice} button`);
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    expect(await popup.$('[data-testid="mood-word"]')).not.toBeNull();
  });
});

describe('a damaged model file', () => {
  it('says the face model could not be loaded, not that the analysis failed, and reads the face once it is whole', async () => {
    const mend = await launchDamaged('weights/expression-cnn-real.bin');
    const popup = await session!.openPage('popup.html');
    const face = join(FACES, 'human_person-vlado.jpg');
    expect(await checkFile(popup, face)).toMatchObject({ notice: 'model-failed' });
    mend();
    expect(await checkFile(popup, face)).toMatchObject({ notice: null, faces: 1 });
  });
});

describe('a full extension storage', () => {
  it('says a setting could not be saved (options, popup, overlay), shows what is kept, and saves once there is room', async () => {
    session = await launchWithSites();
    const options = await session.openPage('options.html');
    await options.waitForSelector('[data-testid="theme-dark"]');
    // Filled to two bytes short of the browser's quota (no unlimitedStorage): any setting's write is refused.
    const fill = `(async () => {
      const quota = chrome.storage.local.QUOTA_BYTES;
      await chrome.storage.local.set({ filler: 'x'.repeat(quota - 1000) });
      const room = quota - (await chrome.storage.local.getBytesInUse(null));
      await chrome.storage.local.set({ f2: 'x'.repeat(room - 'f2'.length - 2 - 2) });
      return quota - (await chrome.storage.local.getBytesInUse(null));
    })()`;
    expect(await options.evaluate(fill)).toBe(2);
    const refused = '[data-testid="save-problem"] [data-testid="notice"][data-code="storage-failed"]';
    // A typed year that cannot be saved stays as typed (nothing the user typed is lost); the stored filter is as it was.
    await options.type('[data-testid="year-min"]', '1990');
    await options.keyboard.press('Tab');
    await options.waitForSelector(refused);
    expect(await options.$eval('[data-testid="year-min"]', (e) => (e as HTMLInputElement).value)).toBe('1990');
    expect(await options.evaluate(`chrome.storage.local.get('setting.filters')`)).toEqual({});
    // A switch shows what is stored, not the change that was refused.
    await options.click('[data-testid="theme-dark"]');
    await options.waitForFunction(
      () => !(document.querySelector('[data-testid="theme-dark"]') as HTMLInputElement).checked,
    );
    expect(await options.$(refused)).not.toBeNull();
    expect(await options.evaluate(`chrome.storage.local.get('setting.theme')`)).toEqual({});
    // The same in the popup, whose detector and "match the look" are saved where they are changed.
    const popup = await session.openPage('popup.html');
    await popup.waitForSelector('[data-testid="detector"]');
    await popup.select('[data-testid="detector"]', 'ssd');
    await popup.waitForSelector(refused);
    await popup.waitForFunction(
      () => (document.querySelector('[data-testid="detector"]') as HTMLSelectElement).value === 'tiny',
    );
    await popup.close();
    // The overlay's "Hide on YouTube" is a setting too: refused, the overlay stays and says so, rather than vanishing
    // now and coming back on the next page.
    const site = await session.browser.newPage();
    await site.goto('https://www.youtube.com/watch?v=full');
    await waitInOverlay(site, '[data-testid="overlay-badge"]', 20_000);
    await site.click(inOverlay('[data-testid="overlay-badge"]'));
    await site.click(inOverlay('[data-testid="overlay-hide"]'));
    await waitInOverlay(site, '[data-testid="notice"][data-code="storage-failed"]');
    expect(await site.$(inOverlay('[data-testid="overlay-panel"]'))).not.toBeNull();
    expect(await options.evaluate(`chrome.storage.local.get('setting.overlay')`)).toEqual({});
    // Room again: the same changes are saved and the problems go.
    await options.evaluate(`chrome.storage.local.remove(['filler', 'f2'])`);
    await site.click(inOverlay('[data-testid="overlay-hide"]'));
    await waitInOverlay(site, '[data-testid="overlay-hidden"]');
    expect(await options.evaluate(`chrome.storage.local.get('setting.overlay')`)).toMatchObject({
      'setting.overlay': { youtube: false },
    });
    // Undone, the setting is on again; hidden once more, the overlay goes a moment later.
    await site.click(inOverlay('[data-testid="overlay-unhide"]'));
    await waitInOverlay(site, '[data-testid="overlay-panel"]');
    expect(await options.evaluate(`chrome.storage.local.get('setting.overlay')`)).toMatchObject({
      'setting.overlay': { youtube: true },
    });
    await site.click(inOverlay('[data-testid="overlay-hide"]'));
    await site.waitForFunction(() => !document.querySelector('moodreel-overlay'), { timeout: 15_000 });
    expect(await options.evaluate(`chrome.storage.local.get('setting.overlay')`)).toMatchObject({
      'setting.overlay': { youtube: false },
    });
    await options.bringToFront();
    await options.click('[data-testid="theme-dark"]');
    await options.waitForFunction(() => !document.querySelector('[data-testid="save-problem"]'));
    expect(await options.evaluate(`chrome.storage.local.get('setting.theme')`)).toEqual({ 'setting.theme': 'dark' });
  });
});

describe('a database from a newer Moodreel', () => {
  it('says so on every page that reads the user’s data and in place of “deleted”; Try again (or coming back to the page) recovers', async () => {
    session = await launchExtension();
    const options = await session.openPage('options.html');
    await options.waitForSelector('[data-testid="catalogue-status"][data-status="complete"]', { timeout: 60_000 });
    await askFrom(options, { type: 'feedback', movieId: 318, signal: 'watchlist', mood: null });
    // A newer Moodreel's database (as after going back to an older build): the worker steps aside for the upgrade,
    // and its own version can no longer open it.
    const raise = `new Promise((resolve, reject) => {
      const open = indexedDB.open('moodreel', 99);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => { open.result.close(); resolve(open.result.version); };
    })`;
    expect(await options.evaluate(raise)).toBe(99);
    const unreadable = '[data-testid="notice"][data-code="storage-newer"]';

    await options.reload();
    await options.waitForSelector(`[aria-labelledby="mood-map-h"] ${unreadable}`, { timeout: 30_000 });
    expect(await options.$('[data-testid="mood-map-status"]')).toBeNull();
    const popup = await session.openPage('popup.html');
    await popup.click('[data-testid="tab-history"]');
    await popup.waitForSelector(`#panel-history ${unreadable}`, { timeout: 30_000 });
    expect(await popup.$('#panel-history .working')).toBeNull();
    await popup.click('[data-testid="tab-watchlist"]');
    await popup.waitForSelector(`#panel-watchlist ${unreadable}`, { timeout: 30_000 });
    const privacy = await session.openPage('privacy.html');
    await privacy.waitForSelector(unreadable, { timeout: 30_000 });
    await privacy.click('[data-testid="delete"]');
    await privacy.click('[data-testid="delete-confirm"]');
    await privacy.waitForSelector(`[data-testid="take-or-wipe"] ${unreadable}`, { timeout: 30_000 });
    expect(await privacy.$('[data-testid="privacy-message"]')).toBeNull();

    // The newer database gone (as when the user clears the add-on's data): Try again on each page reads again.
    const lower = `new Promise((resolve, reject) => {
      const del = indexedDB.deleteDatabase('moodreel');
      del.onerror = () => reject(del.error);
      del.onsuccess = () => resolve(true);
    })`;
    expect(await privacy.evaluate(lower)).toBe(true);
    await privacy.click(`${unreadable} button`);
    await privacy.waitForFunction(() => document.querySelector('[data-testid="count-feedback"]')?.textContent === '0');
    await popup.bringToFront();
    await popup.click(`#panel-watchlist ${unreadable} button`);
    await popup.waitForSelector('[data-testid="watchlist-empty"]', { timeout: 30_000 });
    // The options page, left in the background meanwhile, reads again by itself once it is shown.
    await options.bringToFront();
    await options.waitForSelector('[data-testid="mood-map-status"][data-lessons="0"]', { timeout: 30_000 });
  });
});

describe('bad input matrix', () => {
  it('handles huge, corrupt, animated, grey, dark, tiny-face and crowded images with a mood or a plain message', async () => {
    const vlado = join(FACES, 'human_person-vlado.jpg');
    const big = ffmpeg(vlado, join(work, 'big-40mp.jpg'), '-vf', 'scale=7744:5164', '-q:v', '12');
    const corrupt = join(work, 'corrupt.jpg');
    const bytes = readFileSync(vlado);
    writeFileSync(corrupt, Buffer.concat([bytes.subarray(0, 600), Buffer.alloc(4000, 0x5a), bytes.subarray(-2)]));
    const animated = join(work, 'animated.gif');
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-loop',
      '1',
      '-t',
      '0.6',
      '-i',
      vlado,
      '-vf',
      'fps=5,scale=480:-1',
      animated,
    ]);
    const grey = ffmpeg(vlado, join(work, 'grey.jpg'), '-vf', 'format=gray');
    const dark = ffmpeg(vlado, join(work, 'dark.jpg'), '-vf', 'eq=brightness=-0.6');
    const tiny = ffmpeg(vlado, join(work, 'tiny.jpg'), '-vf', 'scale=40:-1,pad=1920:1080:940:520:color=gray');

    session = await launchExtension();
    const popup = await session.openPage('popup.html');
    const outcomes: Record<string, Awaited<ReturnType<typeof checkFile>>> = {};
    const check = async (name: string, file: string) => {
      outcomes[name] = await checkFile(popup, file);
    };
    for (const [name, file] of Object.entries({
      big,
      corrupt,
      animated,
      grey,
      dark,
      tiny,
    }))
      await check(name, file);
    // A crowd of small faces (the 1927 Solvay conference, 29 people): the Accurate detector is the one for groups.
    await popup.select('[data-testid="detector"]', 'ssd');
    await check('crowd', join(FACES, 'human_solvay1927.jpg'));
    expect(outcomes.big!.mood).toMatch(/^(neutral|happy|sad|angry|fearful|disgusted|surprised)$/);
    expect(outcomes.corrupt!.notice).toBe('bad-image');
    expect(outcomes.animated!.faces).toBe(1);
    expect(outcomes.grey!.faces).toBe(1);
    // Too dark or too small to read: either a mood or the plain "No face found", never an error.
    for (const name of ['dark', 'tiny'])
      expect(outcomes[name]!.mood ?? outcomes[name]!.notice, name).toMatch(
        /^(neutral|happy|sad|angry|fearful|disgusted|surprised|no-face)$/,
      );
    expect(outcomes.crowd!.faces).toBeGreaterThanOrEqual(6);
  });

  it('recreates a closed offscreen document mid-analysis, survives a worker restart, and runs one analysis at a time', async () => {
    session = await launchExtension({
      fakeVideo: fakeCameraVideo(join(FACES, 'human_person-vlado.jpg'), join(work, 'hammer.y4m')),
    });
    const popup = await session.openPage('popup.html');
    const image = dataUrl(join(FACES, 'human_person-vlado.jpg'));
    const analyze = { type: 'analyze-image', image, detector: 'tiny', backend: 'auto' };
    await askFrom(popup, analyze);
    // The offscreen document is closed while an analysis is on its way: it is recreated and the request retried.
    const [result] = await Promise.all([
      askFrom<{ faces: unknown[] }>(popup, analyze),
      askFrom(popup, { type: 'reset-inference' }),
    ]);
    expect(result.faces).toHaveLength(1);

    // The service worker is stopped (as Chrome does when idle); the next request wakes it and works.
    await stopServiceWorker(session, popup);
    expect((await askFrom<{ faces: unknown[] }>(popup, analyze)).faces).toHaveLength(1);

    // Two pages asking at once: every answer arrives, one analysis at a time.
    const other = await session.openPage('popup.html');
    const many = await Promise.all([
      ...Array.from({ length: 4 }, () => askFrom<{ faces: unknown[] }>(popup, analyze)),
      ...Array.from({ length: 4 }, () => askFrom<{ faces: unknown[] }>(other, analyze)),
    ]);
    expect(many.every((r) => r.faces.length === 1)).toBe(true);

    // A user hammering the button: one burst of three frames, not five.
    const before = (await askFrom<{ analyses: number }>(popup, { type: 'inference-stats' })).analyses;
    await other.close();
    await popup.bringToFront(); // a background tab gets no animation frames: clicks and the camera would stall
    await popup.reload();
    for (let i = 0; i < 5; i++) await popup.click('[data-testid="check-camera"]').catch(() => undefined);
    await popup.waitForSelector('[data-testid="mood"]', { timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const after = (await askFrom<{ analyses: number }>(popup, { type: 'inference-stats' })).analyses;
    expect(after - before).toBe(3);
  });
});

describe('the analysis page', () => {
  it('is closed once unused for a while (its models hold hundreds of MB), and opened again for the next check', async () => {
    session = await launchExtension();
    const open = () => analysisPagesOpen(session!);
    const popup = await session.openPage('popup.html');
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    expect(await open()).toBe(1);
    // The countdown runs from the check's end: about five minutes.
    const due = (await idleAlarmDue(session)) ?? 0;
    expect(due - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(due - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    // Its time come (the alarm brought forward): the page is closed; the popup and its picks stay as they were.
    expect(await idleAlarmNow(session)).toBe(true);
    await expect.poll(open, { timeout: 10_000 }).toBe(0);
    expect(await popup.$$('[data-testid="pick"]')).toHaveLength(10);
    // The next check opens it again and reads the face.
    const image = dataUrl(join(FACES, 'human_person-vlado.jpg'));
    const read = await askFrom<{ faces: unknown[] }>(popup, {
      type: 'analyze-image',
      image,
      detector: 'tiny',
      backend: 'auto',
    });
    expect(read.faces).toHaveLength(1);
    expect(await open()).toBe(1);
  });
});
