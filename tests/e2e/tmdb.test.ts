/**
 * The optional online refresh, in the real extension against a local server that answers in TMDB's shapes:
 * off without a key, clear statuses for a bad key, rate limiting, offline and malformed answers, and a catalogue
 * that is never corrupted; with a good key, new titles join the catalogue and details are cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibratedProfile } from '../../models/catalogue/tone-model';
import { DEFAULT_FILTERS } from '../../models/recommend/filters';
import { displayTitle } from '../../models/catalogue/movie';
import { SHIPPED_TONE_PROFILER } from '../../models/catalogue/shipped-tones';
import { askFrom, launchExtension, storeRecords, type ExtensionSession } from '../support/chromium';
import { darkBlue, FACES, jpegOf } from '../support/images';
import { scratchDir } from '../support/scratch';
import { GOOD_KEY, offersInUs, overviewOf, startTmdbServer, type TmdbServer } from '../support/tmdb-server';
import { waitForFocus } from '../support/focus';
import { seriousViolations } from '../support/axe';
import { firstPickOnFirstScreen, POPUP_MAX_HEIGHT } from '../support/picks';

const work = scratchDir('tmdb');
let session: ExtensionSession;
let page: Page;
let tmdb: TmdbServer;

const ask = <T>(message: unknown) => askFrom<T>(page, message);

/** Sets settings the way the extension stores them: one storage item per setting. */
async function setSettings(settings: Record<string, unknown>) {
  await page.evaluate(
    (s) => chrome.storage.local.set(Object.fromEntries(Object.entries(s).map(([k, v]) => [`setting.${k}`, v]))),
    { detector: 'tiny', tmdbRegion: 'US', tmdbBaseUrl: tmdb.baseUrl, ...settings },
  );
}

interface State {
  status: string;
  added: number;
  retryAt: number | null;
}
const catalogueCount = async () => (await ask<{ count: number }>({ type: 'catalogue-ensure' })).count;

beforeAll(async () => {
  tmdb = await startTmdbServer();
  session = await launchExtension();
  page = await session.openPage('options.html');
  await catalogueCount();
});
afterAll(async () => {
  await session.close();
  await tmdb.close();
});

describe('online refresh from TMDB', () => {
  it('stays offline without a key', async () => {
    await setSettings({ tmdbApiKey: '' });
    expect((await ask<State>({ type: 'tmdb-refresh' })).status).toBe('no-key');
    expect(tmdb.requests).toEqual([]);
  });

  it('reports a bad key and changes nothing', async () => {
    const before = await catalogueCount();
    await setSettings({ tmdbApiKey: 'ffffffffffffffffffffffffffffffff' });
    expect((await ask<State>({ type: 'tmdb-refresh' })).status).toBe('bad-key');
    expect(await catalogueCount()).toBe(before);
  });

  it('adds trending and now-playing titles with calibrated profiles, without duplicating known ones', async () => {
    await setSettings({ tmdbApiKey: GOOD_KEY });
    const state = await ask<State>({ type: 'tmdb-refresh' });
    expect(state).toMatchObject({ status: 'ok', added: 2 });
    type Found = { movieId: number; title: string; genres: string[]; profile: { tones: Record<string, number> } };
    // TMDB-only titles live under the negative of their TMDB id, apart from MovieLens ids.
    const byId = await ask<Found[]>({ type: 'movies-get', movieIds: [-900001, -900002] });
    expect(byId.map((m) => m.title)).toEqual(['A Ghostly Laugh', 'Sunrise Again']);
    const added = await ask<Found[]>({ type: 'movies-search', query: 'ghostly laugh', limit: 5 });
    expect(added[0]).toMatchObject({ movieId: -900001, title: 'A Ghostly Laugh', genres: ['Horror', 'Comedy'] });
    // Profiled on the device by the shipped tone model, from its genres and keywords (no ratings, no neighbours):
    // a parody with a haunted house is funny before it is scary.
    const expected = calibratedProfile(
      {
        genres: ['Horror', 'Comedy'],
        keywords: ['haunted house', 'parody'],
        neighbours: null,
        told: null,
      },
      SHIPPED_TONE_PROFILER,
    );
    for (const [tone, p] of Object.entries(expected.tones)) expect(added[0]!.profile.tones[tone]).toBeCloseTo(p, 6);
    expect(added[0]!.profile.tones.funny).toBeGreaterThan(added[0]!.profile.tones.scary!);
    // Toy Story is in the packaged catalogue: still one title, under its MovieLens id.
    const toy = await ask<{ movieId: number }[]>({ type: 'movies-search', query: 'toy story', limit: 20 });
    expect(toy.filter((m) => m.movieId === 1 || m.movieId === -862).map((m) => m.movieId)).toEqual([1]);
  });

  it('serves details from the cache after the first fetch', async () => {
    const served = tmdb.requests.length;
    const details = await ask<{ posterUrl: string; providers: { flatrate: string[] } }>({
      type: 'tmdb-details',
      tmdbId: 862,
    });
    expect(details.posterUrl).toMatch(/^https:\/\/image\.tmdb\.org\/t\/p\/w185\/.+\.jpg$/);
    expect(details.providers.flatrate).toEqual(['Disney Plus']);
    await ask({ type: 'tmdb-details', tmdbId: 862 });
    expect(tmdb.requests.length).toBe(served); // cached by the refresh itself
  });

  it('honours 429 Retry-After and does not call again before it', async () => {
    tmdb.mode = 'rate-limited';
    const state = await ask<State>({ type: 'tmdb-refresh' });
    expect(state.status).toBe('rate-limited');
    expect(state.retryAt).toBeGreaterThan(Date.now() + 20_000);
    const served = tmdb.requests.length;
    expect((await ask<State>({ type: 'tmdb-refresh' })).status).toBe('rate-limited');
    expect(tmdb.requests.length).toBe(served);
  });

  it('reports malformed answers and offline, and the catalogue stays whole', async () => {
    const before = await catalogueCount();
    const added = (await ask<unknown[]>({ type: 'movies-search', query: 'ghostly', limit: 5 })).length;
    tmdb.mode = 'malformed';
    // A fresh state: clear the rate-limit wait as a day passing would.
    await page.evaluate(
      `new Promise((resolve) => { const o = indexedDB.open('moodreel'); o.onsuccess = () => { const tx = o.result.transaction('meta', 'readwrite'); tx.objectStore('meta').delete('tmdb'); tx.oncomplete = () => { o.result.close(); resolve(null); }; }; })`,
    );
    expect((await ask<State>({ type: 'tmdb-refresh' })).status).toBe('bad-response');
    await setSettings({ tmdbApiKey: GOOD_KEY, tmdbBaseUrl: 'http://127.0.0.1:9' });
    expect((await ask<State>({ type: 'tmdb-refresh' })).status).toBe('offline');
    expect(await catalogueCount()).toBe(before);
    expect((await ask<unknown[]>({ type: 'movies-search', query: 'ghostly', limit: 5 })).length).toBe(added);
    await expect(ask({ type: 'tmdb-details', tmdbId: 603 })).rejects.toThrow(/tmdb-failed/);
  });

  it('lets the user enter a key and refresh from the options page', async () => {
    tmdb.mode = 'ok';
    await setSettings({ tmdbApiKey: '' });
    await page.reload();
    await page.waitForSelector('[data-testid="tmdb-key"]');
    await page.type('[data-testid="tmdb-key"]', GOOD_KEY);
    // Saved with Enter in the field (a click aimed at Save could miss it while the sections above fill in).
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="tmdb-refresh"][aria-disabled="false"]');
    // From the keyboard: the refresh runs, and the keyboard is still on its button when it is done.
    await page.focus('[data-testid="tmdb-refresh"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="tmdb-status"][data-status="ok"]', { timeout: 30_000 });
    await waitForFocus(page, '[data-testid="tmdb-refresh"]');
    // Stored as its own setting item.
    const stored = (await page.evaluate(() => chrome.storage.local.get('setting.tmdbApiKey'))) as {
      'setting.tmdbApiKey': string;
    };
    expect(stored['setting.tmdbApiKey']).toBe(GOOD_KEY);
  });

  /**
   * Waits for the ten picks of the check just started: a popup opened soon after an earlier check shows that one's
   * picks first, and they go while the new one is read.
   */
  async function checkedPicks(page: Page): Promise<void> {
    await page.waitForSelector('[data-testid="mood"]:not([data-recalled])', { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="pick"]').length === 10, {
      timeout: 60_000,
    });
  }

  it('says where each pick streams in the region, and links the user’s service only where the pick streams there', async () => {
    await setSettings({ tmdbApiKey: GOOD_KEY, services: ['netflix', 'prime'] });
    const popup = await session.openPage('popup.html');
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await checkedPicks(popup);
    const ids = await popup.$$eval('[data-testid="pick"]', (els) =>
      els.map((e) => Number(e.getAttribute('data-movie-id'))),
    );
    const movies = await askFrom<{ movieId: number; tmdbId: number | null; title: string }[]>(popup, {
      type: 'movies-get',
      movieIds: ids,
    });
    const offers = new Map(movies.map((m) => [m.movieId, m.tmdbId === null ? [] : offersInUs(m.tmdbId)]));
    const shown = () =>
      popup.$$eval('[data-testid="pick"]', (els) =>
        els.map((e) => ({
          id: Number(e.getAttribute('data-movie-id')),
          streams: e.querySelector('[data-testid="pick-streams"]')?.textContent ?? null,
          links: [...e.querySelectorAll('a[data-testid="watch-on"]')].map((a) => [
            a.textContent,
            a.getAttribute('href'),
          ]),
        })),
      );
    // Each card as TMDB lists its title: the services named once each (an ad tier is its service), the user's own
    // first (Netflix, Prime Video), two at most and the rest counted; a card streaming nowhere says nothing. The
    // user's services are linked where the title streams on them.
    const YOURS = { Netflix: 'Netflix', 'Amazon Prime Video': 'Prime Video' } as Record<string, string>;
    const expected = (id: number) => {
      const names = offers.get(id)!.filter((n) => !n.endsWith(' with Ads'));
      const ordered = [...names.filter((n) => YOURS[n]), ...names.filter((n) => !YOURS[n])];
      const title = displayTitle(movies.find((m) => m.movieId === id)!.title);
      return {
        named: ordered.slice(0, 2),
        more: Math.max(0, names.length - 2),
        links: names.filter((n) => YOURS[n]).map((n) => `Watch on ${YOURS[n]}`),
        netflix: names.includes('Netflix'),
        title,
      };
    };
    await expect
      .poll(
        async () =>
          (await shown()).every(({ id, streams }) => (streams === null) === (expected(id).named.length === 0)),
        { timeout: 15_000 },
      )
      .toBe(true);
    const cards = await shown();
    for (const { id, streams, links } of cards) {
      const want = expected(id);
      // "📺 Hulu, Disney Plus +2", the emoji kept from screen readers, which hear "Streams on" first.
      expect(streams).toBe(
        want.named.length === 0
          ? null
          : `📺 Streams on ${want.named.join(', ')}${want.more > 0 ? ` +${want.more}` : ''}`,
      );
      // A search on each for the title as the card shows it.
      expect(links.map(([text]) => text)).toEqual(want.links);
      for (const [, href] of links) expect(decodeURIComponent(href!)).toContain(want.title);
      if (want.netflix) expect(links[0]![1]).toMatch(/^https:\/\/www\.netflix\.com\/search\?q=/);
    }
    // Not a list that could not fail: this one holds titles of each kind.
    expect(cards.filter((c) => c.streams !== null).length).toBeGreaterThan(0);
    expect(cards.filter((c) => c.streams === null).length).toBeGreaterThan(0);
    expect(cards.filter((c) => c.links.length > 0).length).toBeGreaterThan(0);
    // …and one where a service of the user's is named before those TMDB lists first.
    expect(cards.some((c) => c.streams?.startsWith('📺 Streams on Amazon Prime Video, Hulu'))).toBe(true);
    // What a title is about, where TMDB says: asked for on its card (ℹ️), and put away again.
    const tmdbOf = (id: number) => movies.find((m) => m.movieId === id)!.tmdbId!;
    const toggles = () =>
      popup.$$eval('[data-testid="pick"]', (els) =>
        els.map((e) => e.querySelector('[data-testid="pick-about-toggle"]') !== null),
      );
    await expect.poll(toggles, { timeout: 15_000 }).toEqual(cards.map((c) => overviewOf(tmdbOf(c.id)) !== null));
    const told = cards.find((c) => overviewOf(tmdbOf(c.id)) !== null)!;
    const toggle = `[data-movie-id="${told.id}"] [data-testid="pick-about-toggle"]`;
    expect(await popup.$(`[data-movie-id="${told.id}"] [data-testid="pick-about"]`)).toBeNull();
    await popup.click(toggle);
    expect(await popup.$eval(`[data-movie-id="${told.id}"] [data-testid="pick-about"]`, (e) => e.textContent)).toBe(
      overviewOf(tmdbOf(told.id)),
    );
    expect(await popup.$eval(toggle, (e) => e.getAttribute('aria-expanded'))).toBe('true');
    // The lines and buttons a key adds pass the same accessibility scan as the rest of the popup.
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.click(toggle);
    expect(await popup.$(`[data-movie-id="${told.id}"] [data-testid="pick-about"]`)).toBeNull();
    // On the watchlist too: a title that streams on Netflix and one that streams nowhere, each as TMDB lists it.
    const onNetflix = cards.find((c) => expected(c.id).netflix)!;
    const nowhere = cards.find((c) => c.streams === null)!;
    for (const { id } of [onNetflix, nowhere]) {
      await popup.click(`[data-movie-id="${id}"] [data-signal="watchlist"]`);
      await popup.waitForSelector(`[data-movie-id="${id}"][data-marked="watchlist"]`);
    }
    await popup.click('[data-testid="tab-watchlist"]');
    const item = (id: number) => `[data-testid="watchlist-item"][data-movie-id="${id}"]`;
    await popup.waitForSelector(`${item(onNetflix.id)} [data-testid="pick-streams"]`, { timeout: 15_000 });
    expect(await popup.$eval(`${item(onNetflix.id)} [data-testid="pick-streams"]`, (e) => e.textContent)).toBe(
      onNetflix.streams,
    );
    expect(await popup.$eval(`${item(onNetflix.id)} [data-testid="watch-on"]`, (e) => e.textContent)).toBe(
      'Watch on Netflix',
    );
    expect(await popup.$(`${item(nowhere.id)} [data-testid="pick-streams"]`)).toBeNull();
    expect(await popup.$eval(`${item(nowhere.id)} [data-testid="watch-on"]`, (e) => e.textContent)).toBe(
      'Find on Netflix',
    );
    await popup.close();
    await setSettings({ services: [] });
  });

  it('keeps the first pick whole on the popup’s first screen with where it streams, in German too', async () => {
    // The longest words of the six languages (the locale tests measure a new user's first screen, without a key).
    const german = await launchExtension({ language: 'de' });
    try {
      const options = await german.openPage('options.html');
      await askFrom(options, { type: 'catalogue-ensure' });
      await options.evaluate((s) => chrome.storage.local.set(s), {
        'setting.tmdbApiKey': GOOD_KEY,
        'setting.tmdbBaseUrl': tmdb.baseUrl,
        'setting.tmdbRegion': 'US',
        'setting.services': ['netflix'],
      });
      const popup = await german.openPage('popup.html');
      await popup.setViewport({ width: 392, height: POPUP_MAX_HEIGHT });
      await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
      await popup.waitForSelector('[data-testid="pick"]:first-child [data-testid="pick-streams"]', { timeout: 60_000 });
      expect((await firstPickOnFirstScreen(popup)).bottom).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
    } finally {
      await german.close();
    }
  });

  it('shows TMDB posters on the picks once a key is set, and measures a poster’s look only where it can be used', async () => {
    const popup = await session.openPage('popup.html');
    const posters: string[] = [];
    // TMDB's image server, as it answers (with CORS): every poster is the same dark, blue picture.
    const poster = readFileSync(
      jpegOf(darkBlue(join(FACES, 'skimage_astronaut.png'), join(work, 'poster.png')), join(work, 'poster.jpg')),
    );
    const answer = (r: HTTPRequest) => {
      if (!r.url().startsWith('https://image.tmdb.org/')) return void r.continue();
      posters.push(r.url());
      void r.respond({
        status: 200,
        contentType: 'image/jpeg',
        headers: { 'access-control-allow-origin': '*' },
        body: poster,
      });
    };
    await popup.setRequestInterception(true);
    popup.on('request', answer);
    const kept = async (on: Page) =>
      ((await storeRecords(on, 'tmdbCache')) as { look?: number[] }[]).filter((e) => e.look).length;
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await checkedPicks(popup);
    await popup.waitForSelector('[data-testid="poster"]', { timeout: 15_000 });
    const srcs = await popup.$$eval('[data-testid="poster"]', (els) => els.map((e) => e.getAttribute('src') ?? ''));
    for (const src of srcs) expect(src).toMatch(/^https:\/\/image\.tmdb\.org\/t\/p\/w185\/.+\.jpg$/);
    expect(await popup.$$('[data-testid="pick"] .poster')).toHaveLength(10);
    // "Match the look" is off: each poster is fetched once, for its card, and no look is measured.
    await new Promise((r) => setTimeout(r, 1500));
    expect(posters.length).toBeGreaterThan(0);
    expect(posters.length).toBe(new Set(posters).size);
    expect(await kept(popup)).toBe(0);
    await popup.close();

    // On: the posters of shown films whose look does not ship are measured and kept (numbers, never the picture);
    // a film whose look ships costs no second request. (Recent films, most of whose looks do not ship.)
    await setSettings({ matchLook: true, filters: { ...DEFAULT_FILTERS, yearMin: 2016 } });
    posters.length = 0;
    const popup2 = await session.openPage('popup.html');
    await popup2.setRequestInterception(true);
    popup2.on('request', answer);
    await (await popup2.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await checkedPicks(popup2);
    const { ids, lacking } = await popup2.evaluate(async () => {
      const file = (await (await fetch('/catalogue/looks.json')).json()) as { movieIds: number[] };
      const shipped = new Set(file.movieIds);
      const ids = [...document.querySelectorAll<HTMLElement>('[data-testid="pick"]')].map((e) =>
        Number(e.dataset.movieId),
      );
      return { ids, lacking: ids.filter((id) => !shipped.has(id)) };
    });
    expect(ids).toHaveLength(10);
    expect(lacking.length).toBeGreaterThan(0);
    // Read per shown title: the popup opened shows the last check's list for a moment before this one, and what it
    // showed was measured too.
    const movies = await askFrom<{ movieId: number; tmdbId: number }[]>(popup2, { type: 'movies-get', movieIds: ids });
    const tmdbIds = movies.map((m) => m.tmdbId);
    const wanted = new Set(movies.filter((m) => lacking.includes(m.movieId)).map((m) => m.tmdbId));
    const keptOfShown = async () =>
      ((await storeRecords(popup2, 'tmdbCache')) as { tmdbId: number; look?: number[] }[])
        .filter((e) => e.look && tmdbIds.includes(e.tmdbId))
        .map((e) => e.tmdbId)
        .sort((a, b) => a - b);
    await expect.poll(keptOfShown, { timeout: 15_000 }).toEqual([...wanted].sort((a, b) => a - b));
    // Each shown poster fetched once for its card, and once more where its look is measured; the cards' own requests
    // may still be in flight when the looks are kept; then nothing more may come.
    const requests = () => tmdbIds.map((id) => posters.filter((u) => u.endsWith(`/generic-${id}.jpg`)).length);
    const expected = tmdbIds.map((id) => (wanted.has(id) ? 2 : 1));
    await expect.poll(requests, { timeout: 15_000 }).toEqual(expected);
    await new Promise((r) => setTimeout(r, 1000));
    expect(requests()).toEqual(expected);
    const looks = ((await storeRecords(popup2, 'tmdbCache')) as { look?: number[] }[]).flatMap((e) => e.look ?? []);
    expect(looks.every(Number.isFinite)).toBe(true);
    await popup2.close();
    await setSettings({ matchLook: false, filters: DEFAULT_FILTERS });
  });
});
