/**
 * The add-on in real Firefox (Debian's firefox-esr, temporary add-on, WebDriver BiDi), where the face model runs in a
 * hidden frame of Firefox's background page (it has a DOM but no offscreen documents): a mood check from an image
 * file gives a mood and picks; the camera check asks on Moodreel's camera page and, granted for that tab only, runs
 * there on Firefox's fake camera; the overlay on a streaming site reads a playing video's frame; export → delete →
 * import gives back what was exported; an AVIF picture is read, a TIFF one named. No request leaves for anything but
 * the fixture site.
 */
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { askFrom } from '../support/chromium';
import { launchFirefox, openAddonPage, waitForAddonPage } from '../support/firefox';
import { convertedTo, dataUrl, FACES, svgDrawingOf } from '../support/images';
import { inOverlay, overlayReads, seenInOverlay } from '../support/overlay';
import { fullScreen } from '../support/player';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { scratchDir } from '../support/scratch';
import { clipOf, SITE_PAGES, startSiteServer, type SiteServer } from '../support/site-server';
import { firstPickOnFirstScreen, pickIds, POPUP_MAX_HEIGHT, pickReplaced } from '../support/picks';
import { waitForFocus } from '../support/focus';
import { forgetOnlyCheck } from '../support/history';

const EMOTION = /^(neutral|happy|sad|angry|fearful|disgusted|surprised)$/;
const media = scratchDir('firefox-media');
let server: SiteServer;
let proxy: RecordingProxy;
let browser: Browser;
/** The picks the first check's popup was left with. */
let leftOnScreen: number[] = [];
/** The first test's 👎 and 👍, which the options page lists (a later test). */
let marks: [number, string][] = [];

beforeAll(async () => {
  clipOf(join(FACES, 'skimage_astronaut.png'), join(media, 'face.webm'));
  server = await startSiteServer(media);
  proxy = await startRecordingProxy(Object.keys(SITE_PAGES), server.port);
  // Firefox's fake camera (a moving test pattern) without its prompt, as if the user clicked Allow once: a grant for
  // that tab only, which Firefox does not remember.
  browser = await launchFirefox(proxy, {
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await proxy?.close();
});

describe('Moodreel in Firefox', () => {
  it('reads a mood from an image file chosen in a tab of its own and shows ten picks, which work from the keyboard', async () => {
    const first = await openAddonPage(browser, 'popup.html', '[data-testid="check-file"]');
    // Firefox closes its popup when a file window opens: "An image…" opens the popup in a tab, where it is chosen.
    await first.click('[data-testid="check-file"]');
    const popup = await waitForAddonPage(browser, 'popup.html?in=tab&choose=file');
    await popup.waitForSelector('[data-testid="choose-file-here"]', { timeout: 30_000 });
    await waitForFocus(popup, '[data-testid="check-file"]');
    // The popup's column, in the middle of the tab rather than against its left edge.
    const margins = await popup.$eval('main', (m) => {
      const r = m.getBoundingClientRect();
      return [r.left, document.documentElement.clientWidth - r.right];
    });
    expect(margins[0]).toBeGreaterThan(100);
    expect(Math.abs(margins[0]! - margins[1]!)).toBeLessThan(2);
    await first.close();
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await popup.waitForSelector('[data-testid="mood"]', { timeout: 90_000 });
    expect(await popup.$eval('[data-testid="mood-word"]', (e) => e.textContent?.trim())).toMatch(EMOTION);
    expect(await popup.$eval('[data-testid="face-count"]', (e) => e.textContent)).toContain('1 face');
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="pick"]').length === 10, {
      timeout: 60_000,
    });
    // From the keyboard, as in Chromium: a rejected pick's button is taken up by its replacement, and the views are
    // one tab stop the arrows move through.
    const ids = await pickIds(popup);
    await popup.focus(`[data-movie-id="${ids[1]}"] [data-signal="down"]`);
    await popup.keyboard.press('Enter');
    await pickReplaced(popup, ids[1]!);
    await waitForFocus(popup, '[data-testid="pick"]:nth-child(2) [data-signal="down"]');
    // One card liked: the list as it is now is the one the popup opened again shows (a later test).
    await popup.click(`[data-movie-id="${ids[3]}"] [data-signal="up"]`);
    await popup.waitForSelector(`[data-movie-id="${ids[3]}"][data-marked="up"]`);
    leftOnScreen = await pickIds(popup);
    marks = [
      [ids[3]!, 'up'],
      [ids[1]!, 'down'],
    ];
    await expect
      .poll(
        () =>
          // Firefox's `chrome` has no `storage.session` (`browser` has), and its objects come back as JSON.
          popup
            .evaluate(
              `browser.storage.session.get('checkChoices').then((r) => JSON.stringify(r.checkChoices?.list ?? null))`,
            )
            .then((json) => {
              const list = JSON.parse(json as string) as { picks: { movieId: number }[]; marked: object } | null;
              return list && { ids: list.picks.map((p) => p.movieId), marked: list.marked };
            }),
        { timeout: 10_000 },
      )
      .toEqual({ ids: leftOnScreen, marked: { [ids[3]!]: 'up' } });
    await popup.focus('[data-testid="tab-mood"]');
    await popup.keyboard.press('ArrowRight');
    await waitForFocus(popup, '[data-testid="tab-history"][aria-selected="true"]');
    await popup.close();
  });

  it('checks the mood from the camera: asks on its own page, then reads the camera in that tab', async () => {
    const popup = await openAddonPage(browser, 'popup.html', '[data-testid="check-camera"]');
    await popup.click('[data-testid="check-camera"]');
    await popup.waitForSelector('[data-testid="notice"][data-code="camera-permission"]');
    const camera = await waitForAddonPage(browser, 'camera.html');
    // Allowed, but for this tab only (Firefox's default): the page says so and offers the check right here.
    await camera.waitForSelector('[data-testid="camera-this-tab"]', { timeout: 30_000 });
    await camera.click('[data-testid="camera-check-here"]');
    await camera.waitForSelector('[data-testid="check-camera"]', { timeout: 30_000 });
    await camera.click('[data-testid="check-camera"]');
    // The countdown, the burst, the analysis: the fake camera's test pattern has no face, and says so.
    await camera.waitForSelector('[data-testid="notice"][data-code="no-face"]', { timeout: 60_000 });
    await camera.close();
    await popup.close();
  });

  it('keeps an option across a reload and takes a mark back; the popup shows the earlier check again, and History forgets it', async () => {
    const options = await openAddonPage(browser, 'options.html', '[data-testid="theme-dark"]');
    await options.click('[data-testid="theme-dark"]');
    await options.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await options.close();
    const again = await openAddonPage(browser, 'options.html', '[data-testid="theme-dark"]');
    await again.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await again.$eval('[data-testid="theme-dark"]', (e) => (e as HTMLInputElement).checked)).toBe(true);
    await again.click('[data-testid="theme-system"]');
    // The first test's marks, the latest first; the 👎 taken back (asked once more) leaves the 👍.
    const listed = () =>
      again.$$eval('[data-testid="mark"]', (els) =>
        els.map((e) => [Number(e.getAttribute('data-movie-id')), e.getAttribute('data-signal')]),
      );
    await again.waitForSelector('[data-testid="mark"]', { timeout: 30_000 });
    expect(await listed()).toEqual(marks);
    await again.click(`[data-testid="mark"][data-movie-id="${marks[1]![0]}"] [data-testid="mark-forget"]`);
    await again.click('[data-testid="mark-forget-confirm"]');
    await again.waitForSelector('[data-testid="marks-taken-back"]', { timeout: 30_000 });
    expect(await listed()).toEqual([marks[0]]);
    await again.close();
    // Reopened within the hour of the first test's check: that check again, with its picks.
    const popup = await openAddonPage(browser, 'popup.html', '[data-testid="tab-history"]');
    await popup.waitForSelector('[data-testid="mood"][data-recalled="true"]', { timeout: 30_000 });
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    // The list as it was left: the same titles in the same places, the liked one still marked.
    expect(await pickIds(popup)).toEqual(leftOnScreen);
    expect(await popup.$$('[data-testid="pick"][data-marked="up"]')).toHaveLength(1);
    // As in Chromium: the first pick whole on the popup's first screen.
    await popup.setViewport({ width: 392, height: 900 });
    expect((await firstPickOnFirstScreen(popup)).bottom).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
    await forgetOnlyCheck(popup);
    await popup.close();
  });

  it('names the keyboard shortcut and opens Firefox’s page for changing it', async () => {
    const options = await openAddonPage(browser, 'options.html', '[data-testid="shortcut-change"]');
    // Manifest V2's command for the toolbar button is `_execute_browser_action`, not V3's `_execute_action`.
    expect(await options.$eval('[data-testid="shortcut"]', (e) => e.textContent)).toContain('Alt+Shift+M');
    await options.click('[data-testid="shortcut-change"]');
    // Firefox opens no chrome:// page; its shortcuts live in the add-ons manager.
    const addonsManager = async () => {
      for (const p of await browser.pages()) if (p.url().startsWith('about:addons')) return p;
      return undefined;
    };
    await expect.poll(async () => Boolean(await addonsManager()), { timeout: 15_000 }).toBe(true);
    await (await addonsManager())!.close();
    await options.close();
  });

  it('exports everything, deletes everything, and imports it back without loss', async () => {
    const page = await openAddonPage(browser, 'privacy.html', '[data-testid="delete"]');
    await askFrom(page, { type: 'catalogue-ensure' });
    for (const [movieId, signal] of [
      [1, 'up'],
      [318, 'watchlist'],
      [296, 'seen'],
    ] as const)
      await askFrom(page, { type: 'feedback', movieId, signal });
    const before = await askFrom<Record<string, unknown>>(page, { type: 'privacy-export' });
    expect((before.feedback as unknown[]).length).toBeGreaterThanOrEqual(3);
    const file = join(media, 'export.json');
    writeFileSync(file, JSON.stringify(before));
    await page.click('[data-testid="delete"]');
    await page.click('[data-testid="delete-confirm"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="count-feedback"]')?.textContent === '0');
    await (await page.$('input[data-testid="import"]'))!.uploadFile(file);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="count-feedback"]')?.textContent === String(n),
      {},
      (before.feedback as unknown[]).length,
    );
    const after = await askFrom<Record<string, unknown>>(page, { type: 'privacy-export' });
    expect({ ...after, exportedAt: 0 }).toEqual({ ...before, exportedAt: 0 });
    await page.close();
  });

  it('closes the face-model frame once unused for a while, and opens it again for the next check', async () => {
    const page = await openAddonPage(browser, 'options.html', '[data-testid="shortcut"]');
    const image = dataUrl(join(FACES, 'human_person-vlado.jpg'));
    const analyze = { type: 'analyze-image', image, detector: 'tiny', backend: 'auto' };
    expect((await askFrom<{ faces: unknown[] }>(page, analyze)).faces).toHaveLength(1);
    // Firefox's background page holds the models in a hidden frame (it has no offscreen documents).
    const frames = () =>
      page.evaluate(`browser.extension.getBackgroundPage().document.querySelectorAll('iframe').length`);
    expect(await frames()).toBe(1);
    const due = (await page.evaluate(
      `browser.alarms.get('analysis-idle').then((a) => (a ? a.scheduledTime : 0))`,
    )) as number;
    expect(due - Date.now()).toBeGreaterThan(4 * 60_000);
    await page.evaluate(`browser.alarms.create('analysis-idle', { when: Date.now() + 100 })`);
    await expect.poll(frames, { timeout: 10_000 }).toBe(0);
    expect((await askFrom<{ faces: unknown[] }>(page, analyze)).faces).toHaveLength(1);
    expect(await frames()).toBe(1);
    await page.close();
  });

  it('reads the mood of a playing video from the overlay, on the device, and shows picks for it', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('www.youtube.com', '/watch?v=firefox'));
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.2);
    await page.waitForSelector(
      `${inOverlay('[data-testid="overlay-badge"]')}, ${inOverlay('[data-testid="overlay-panel"]')}`,
      { timeout: 30_000 },
    );
    if (await page.$(inOverlay('[data-testid="overlay-badge"]')))
      await page.click(inOverlay('[data-testid="overlay-badge"]'));
    // Before a frame is read, the panel follows the user's taste, and then a check made meanwhile in another tab.
    await page.waitForSelector(inOverlay('[data-testid="overlay-read-frame"]'));
    const options = await openAddonPage(browser, 'options.html', '[data-testid="theme-dark"]');
    const sad = { neutral: 0.05, happy: 0, sad: 0.9, angry: 0, fearful: 0.05, disgusted: 0, surprised: 0 };
    await askFrom(options, {
      type: 'mood-record',
      mood: { probabilities: sad, confidence: 0.8, faceCount: 1, source: 'file' },
      picks: [],
    });
    await options.close();
    await overlayReads(page, 'overlay-mood', 'sad');
    await page.click(inOverlay('[data-testid="overlay-read-frame"]'));
    await page.waitForFunction(
      () =>
        document
          .querySelector('moodreel-overlay')
          ?.shadowRoot?.querySelector('.overlay-title')
          ?.textContent?.includes('this frame'),
      { timeout: 90_000 },
    );
    const mood = await page.$eval(inOverlay('[data-testid="overlay-mood"]'), (e) => e.textContent?.trim() ?? '');
    expect(mood).toMatch(EMOTION);
    expect(await page.$(inOverlay('[data-testid="notice"]'))).toBeNull();
    await page.waitForFunction(
      () =>
        document.querySelector('moodreel-overlay')?.shadowRoot?.querySelectorAll('[data-testid="pick"]').length === 10,
      { timeout: 60_000 },
    );
    // Nothing went anywhere but the fixture site, apart from Firefox's own services (remote settings), which Firefox
    // calls with or without the add-on; the proxy refused those too.
    const firefoxOwn = /\.(mozilla\.(com|net|org)|firefox\.com):443$/;
    expect(proxy.requests.filter((r) => !r.allowed && !firefoxOwn.test(r.target))).toEqual([]);
    expect(proxy.requests.some((r) => r.allowed)).toBe(true);
    await page.close();
  });
});

describe('Moodreel in Firefox, in full screen', () => {
  it('keeps the overlay on the player made full screen, where it opens its panel', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('www.youtube.com', '/watch?v=fullscreen'));
    const badge = inOverlay('[data-testid="overlay-badge"]');
    await page.waitForSelector(`${badge}, ${inOverlay('[data-testid="overlay-panel"]')}`, { timeout: 30_000 });
    if (!(await page.$(badge))) await page.click(inOverlay('.overlay-close'));
    await fullScreen(page, '#movie_player');
    await expect.poll(() => seenInOverlay(page, '[data-testid="overlay-badge"]'), { timeout: 10_000 }).toBe(true);
    await page.click(badge);
    await page.waitForSelector(inOverlay('[data-testid="overlay-panel"]'));
    expect(await seenInOverlay(page, '.overlay-close')).toBe(true);
    await page.close();
  });
});

describe('Moodreel in Firefox, pictures in other formats', () => {
  it('reads an AVIF picture and an SVG drawing, and names a TIFF one it cannot open', async () => {
    const popup = await openAddonPage(browser, 'popup.html?in=tab', '[data-testid="check-file"]');
    const input = async () => (await popup.$('input[data-testid="file-input"]'))!;
    await (await input()).uploadFile(convertedTo(join(FACES, 'face-api_sample1.jpg'), join(media, 'group.avif')));
    await popup.waitForSelector('[data-testid="mood"]', { timeout: 90_000 });
    expect(await popup.$eval('[data-testid="mood-word"]', (e) => e.textContent?.trim())).toMatch(EMOTION);
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="pick"]').length === 10, {
      timeout: 60_000,
    });
    // A drawing with no size of its own, drawn as Firefox shows it.
    await (
      await input()
    ).uploadFile(svgDrawingOf(join(FACES, 'face-api_sample3.jpg'), media, join(media, 'group.svg')));
    await popup.waitForFunction(() => document.querySelector('[data-testid="face-count"]')?.textContent === '3 faces', {
      timeout: 60_000,
    });
    await (await input()).uploadFile(convertedTo(join(FACES, 'human_person-vlado.jpg'), join(media, 'scan.tiff')));
    const notice = '[data-testid="notice"][data-code="image-format"]';
    await popup.waitForSelector(notice, { timeout: 30_000 });
    expect(await popup.$eval(notice, (e) => e.textContent ?? '')).toContain('This picture is in TIFF format');
    await popup.close();
  });
});

describe('Moodreel in Firefox with the camera blocked', () => {
  it('says how to unblock it in Firefox and opens the camera page, whose address bar clears the block', async () => {
    // Firefox refuses to open its own settings from an add-on (about:preferences is an illegal URL there).
    const blocked = await launchFirefox(proxy, {
      'media.navigator.streams.fake': true,
      'permissions.default.camera': 2,
    });
    try {
      const popup = await openAddonPage(blocked, 'popup.html', '[data-testid="check-camera"]');
      await popup.click('[data-testid="check-camera"]');
      const notice = '[data-testid="notice"][data-code="camera-denied"]';
      await popup.waitForSelector(notice, { timeout: 30_000 });
      expect(await popup.$eval(notice, (e) => e.textContent ?? '')).toContain('open the camera page');
      await popup.click(`${notice} button`);
      const camera = await waitForAddonPage(blocked, 'camera.html');
      await camera.waitForSelector(notice, { timeout: 30_000 });
      expect(await camera.$eval(notice, (e) => e.textContent ?? '')).toContain('camera icon in the address bar');
    } finally {
      await blocked.close();
    }
  });
});
