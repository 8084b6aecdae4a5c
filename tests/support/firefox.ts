/**
 * Launches Debian's Firefox ESR headless over WebDriver BiDi with the built Firefox add-on installed as a temporary
 * add-on under a fixed internal UUID, every request sent through the recording proxy (fixture hosts go to the
 * fixture server, anything else is refused and recorded). WebDriver BiDi opens the add-on's own pages only with
 * system access (`--remote-allow-system-access`).
 */
import { resolve } from 'node:path';
import puppeteer, { TimeoutError, type Browser, type Page } from 'puppeteer';
import { BROWSER_HOUR, timeZoneAt } from './clock';
import type { RecordingProxy } from './recording-proxy';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_ADDON_DIR = resolve('.output/firefox-mv2');
const ADDON_ID = 'moodreel@moodreel.app';
/** The add-on's moz-extension:// host, fixed so tests can open its pages. */
export const ADDON_UUID = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

export async function launchFirefox(proxy: RecordingProxy, prefs: Record<string, unknown> = {}): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, TZ: timeZoneAt(BROWSER_HOUR) },
    // The fixture server's certificate is made at test time.
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'media.autoplay.default': 0,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      ...prefs,
    },
  });
  try {
    await browser.installExtension(FIREFOX_ADDON_DIR);
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens one of the add-on's pages in a new tab and waits for `ready`. The navigation moves the tab into the add-on's
 * process; puppeteer reports the old frame as detached, and the page goes on working.
 */
export async function openAddonPage(browser: Browser, path: string, ready: string): Promise<Page> {
  const page = await browser.newPage();
  // Not awaited: the navigation's own promise only ends in that "detached" error, after its timeout.
  void page.goto(`moz-extension://${ADDON_UUID}/${path}`).catch(() => undefined);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await page.waitForSelector(ready, { timeout: Math.max(1, deadline - Date.now()) });
      return page;
    } catch (error) {
      // A poll that lands while the tab changes process fails with a protocol error ("right-hand side of 'in'
      // should be an object, got null") instead of waiting on: poll again in the new document.
      if (error instanceof TimeoutError || Date.now() >= deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

/**
 * Waits for a page the add-on opened itself (e.g. `camera.html`) and returns it. Pages that moved into the add-on's
 * process report about:blank to puppeteer, so each is asked where it is.
 */
export async function waitForAddonPage(browser: Browser, path: string, timeout = 15_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.endsWith(`/${path}`)) return page;
    }
    if (Date.now() > deadline) throw new Error(`The add-on opened no ${path} within ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 250));
  }
}
