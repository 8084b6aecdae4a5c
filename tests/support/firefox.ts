/**
 * Launches Debian's Firefox ESR headless over WebDriver BiDi with the built Firefox add-on installed as a temporary
 * add-on, every request sent through the recording proxy (fixture hosts go to the fixture server, anything else is
 * refused and recorded). WebDriver BiDi will not open the add-on's own pages, so Firefox tests drive it where a user
 * meets it on a web page: the overlay.
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import type { RecordingProxy } from './recording-proxy';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_ADDON_DIR = resolve('.output/firefox-mv2');

export async function launchFirefox(proxy: RecordingProxy): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
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
