/**
 * Moodreel in each of its languages, in real Chromium started in that language: the popup, a mood check from an
 * image file and its picks, the overlay on a player, the options and the privacy page all speak it, write numbers its way, and no text overflows its box.
 * Screenshots per locale go with the others.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { askFrom, launchExtension, type ExtensionSession } from '../support/chromium';
import { FACES } from '../support/images';
import {
  firstPickInPanel,
  inOverlay,
  OVERLAY,
  PLAYER_SIZES,
  settledInOverlay,
  waitInOverlay,
} from '../support/overlay';
import { overflowing } from '../support/overflow';
import { firstPickOnFirstScreen, POPUP_MAX_HEIGHT } from '../support/picks';
import { scratchDir } from '../support/scratch';
import { screenshotPath } from '../support/screenshots';
import { clipOf, startSiteServer, type SiteServer } from '../support/site-server';

let session: ExtensionSession | null = null;
let server: SiteServer;
const media = scratchDir('locales-media');

beforeAll(async () => {
  clipOf(join(FACES, 'skimage_astronaut.png'), join(media, 'face.webm'));
  writeFileSync(join(media, 'not-a-picture.jpg'), 'not a picture at all');
  server = await startSiteServer(media);
});
afterAll(() => server?.close());
afterEach(async () => {
  await session?.close();
  session = null;
});

const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;

describe.each(['de', 'es', 'fr', 'ja', 'pt_BR'])('Moodreel in %s', (locale) => {
  const messages = messagesOf(locale);
  const tag = locale.replace('_', '-');

  it('speaks the language in the popup (its three views, and reopened), the overlay, the options and the privacy page, with no text overflowing', async () => {
    session = await launchExtension({ language: locale, extraArgs: server.chromiumArgs });
    const popup = await session.openPage('popup.html');
    await popup.setViewport({ width: 392, height: 900 });
    expect(await popup.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      tag,
      messages.extName!.message,
    ]);
    await popup.waitForSelector('[data-testid="check-camera"]');
    expect(await popup.$eval('[data-testid="check-camera"]', (b) => b.textContent)).toContain(
      messages.checkCamera!.message,
    );

    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    // Movies in view in every language: longer words wrap inside their buttons, never push the first pick down.
    expect((await firstPickOnFirstScreen(popup)).bottom).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
    await popup.click('[data-testid="mood-details"] summary');
    const word = await popup.$eval('[data-testid="mood-word"]', (el) => el.textContent!);
    const words = Object.entries(messages).filter(([k]) => k.startsWith('emotion_'));
    expect(words.map(([, v]) => v.message)).toContain(word);
    // Counted and formatted the language's way: "1 Gesicht", the percentage as Intl writes it.
    const faces = await popup.$eval('[data-testid="face-count"]', (el) => el.textContent!);
    expect(faces).toBe(messages.faces_one!.message.replace('$1', '1'));
    const reasons = await popup.$$eval('[data-testid="pick-reason"]', (els) => els.map((e) => e.textContent!));
    expect(reasons.join(' ')).not.toMatch(/\b(fits|lifts|keeps|more like|loved by|a wildcard)\b/);
    expect(await overflowing(popup)).toEqual([]);
    await (await popup.$('main'))!.screenshot({ path: screenshotPath(`locale-${locale}-popup.png`) });
    // History and Watchlist, each with an entry and its buttons.
    const first = await popup.$eval('[data-testid="pick"]', (el) => el.getAttribute('data-movie-id'));
    await popup.click(`[data-movie-id="${first}"] [data-signal="watchlist"]`);
    await popup.waitForSelector(`[data-movie-id="${first}"][data-marked="watchlist"]`);
    for (const [view, item] of [
      ['history', 'history-entry'],
      ['watchlist', 'watchlist-item'],
    ]) {
      await popup.click(`[data-testid="tab-${view}"]`);
      await popup.waitForSelector(`[data-testid="${item}"]`);
      expect(await overflowing(popup)).toEqual([]);
    }
    // Reopened: the same check again, when it was said in the language.
    await popup.close();
    const again = await session.openPage('popup.html');
    await again.setViewport({ width: 392, height: 900 });
    await again.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    expect(await again.$eval('[data-testid="mood-when"]', (el) => el.textContent)).toContain(
      messages.sourceFile!.message,
    );
    expect(await overflowing(again)).toEqual([]);
    // A file that is no picture: the problem, and the way back to the picks, in the language.
    await (await again.$('input[data-testid="file-input"]'))!.uploadFile(join(media, 'not-a-picture.jpg'));
    await again.waitForSelector('[data-testid="notice"][data-code="bad-image"]', { timeout: 30_000 });
    expect(await again.$eval('[data-testid="back-to-check"]', (b) => b.textContent)).toContain(
      messages.backToLastCheck!.message,
    );
    expect(await overflowing(again)).toEqual([]);
    await again.click('[data-testid="back-to-check"]');
    await again.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });

    // The overlay on a player, opened from its badge, with its picks.
    const site = await session.browser.newPage();
    await site.setViewport({ width: 1280, height: 800 });
    await site.goto(server.url('www.youtube.com', '/watch?v=locale'));
    await waitInOverlay(site, '[data-testid="overlay-badge"], [data-testid="overlay-panel"]');
    if (await site.$(inOverlay('[data-testid="overlay-badge"]')))
      await site.click(inOverlay('[data-testid="overlay-badge"]'));
    await settledInOverlay(site, '[data-testid="pick"]');
    expect(await site.$eval(inOverlay('[data-testid="overlay-read-frame"]'), (b) => b.textContent)).toContain(
      messages.overlayReadFrame!.message,
    );
    expect(await overflowing(site, OVERLAY)).toEqual([]);
    // In its own language on an English page (what a screen reader voices it in), and broken as that language breaks.
    const panelText = await site.$eval(
      inOverlay('[data-testid="overlay-panel"]'),
      (panel, lang) => [panel.matches(`:lang(${lang})`), getComputedStyle(panel).wordBreak],
      tag,
    );
    expect(panelText).toEqual([true, locale === 'ja' ? 'auto-phrase' : 'normal']);
    // Films in the panel over a smaller player, not only its controls: each choice takes a line in every language.
    const youtube = await firstPickInPanel(site, PLAYER_SIZES.youtubeDefault);
    expect(youtube.pickBottom).toBeLessThanOrEqual(youtube.panelBottom);
    const small = await firstPickInPanel(site, PLAYER_SIZES.smallEmbed);
    expect(small.reasonBottom).toBeLessThanOrEqual(small.panelBottom);
    expect(await overflowing(site, OVERLAY)).toEqual([]);
    await site.close();

    const options = await session.openPage('options.html');
    await options.setViewport({ width: 800, height: 900 });
    // The status as a user reads it once the catalogue is in (its longest text, for the overflow check).
    await options.waitForSelector('[data-testid="catalogue-status"][data-status="complete"]', { timeout: 60_000 });
    expect(await options.title()).toBe(messages.optionsTitle!.message);
    // A region never chosen follows the browser's language (where to stream, what is playing).
    const region = { de: 'DE', es: 'ES', fr: 'FR', ja: 'JP', pt_BR: 'BR' }[locale];
    expect(await options.$eval('[data-testid="tmdb-region"]', (e) => (e as HTMLInputElement).value)).toBe(region);
    // …and is named in it.
    const country = { de: 'Deutschland', es: 'España', fr: 'France', ja: '日本', pt_BR: 'Brasil' }[locale];
    expect(await options.$eval('[data-testid="region-name"]', (e) => e.textContent)).toBe(country);
    expect(await overflowing(options)).toEqual([]);
    await options.screenshot({ path: screenshotPath(`locale-${locale}-options.png`), fullPage: true });

    const privacy = await session.openPage('privacy.html');
    await privacy.setViewport({ width: 800, height: 900 });
    await privacy.waitForSelector('[data-testid="count-movies"]');
    expect(await privacy.title()).toBe(messages.privacyTitle!.message);
    expect(await overflowing(privacy)).toEqual([]);
    // An export chosen over the data stored here: the question, in the language.
    const exported = join(media, `export-${locale}.json`);
    writeFileSync(exported, JSON.stringify(await askFrom(privacy, { type: 'privacy-export' })));
    await (await privacy.$('input[data-testid="import"]'))!.uploadFile(exported);
    await privacy.waitForSelector('[data-testid="import-ask"]');
    expect(await privacy.$eval('[data-testid="import-confirm"]', (b) => b.textContent)).toBe(
      messages.importReplace!.message,
    );
    expect(await overflowing(privacy)).toEqual([]);
  });
});
