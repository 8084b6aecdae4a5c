/**
 * The packaged catalogue in the real extension: imported into Chromium's IndexedDB at install, skipped when
 * unchanged, redone when partial or damaged, and never touching the user's own stores.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueManifest } from '../../models/catalogue/format';
import { askFrom, launchExtension, stopServiceWorker, type ExtensionSession } from '../support/chromium';

const manifest = JSON.parse(readFileSync('.output/chrome-mv3/catalogue/manifest.json', 'utf8')) as CatalogueManifest;
let session: ExtensionSession;
let page: Page;

const ask = <T>(message: unknown) => askFrom<T>(page, message);

/** Promise of one IndexedDB request (written out in each page function: they run inside the page). */
type Body<T> = (db: IDBDatabase) => Promise<T>;

/**
 * Runs `body` on Moodreel's database inside an extension page (same origin as the worker). The function's source
 * is evaluated through DevTools, which the page's CSP (no eval) does not apply to.
 */
function idb<T>(body: Body<T>): Promise<T> {
  return page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('moodreel');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try { return await (${body.toString()})(db); } finally { db.close(); }
  })()`) as Promise<T>;
}

interface Status {
  version: string;
  status: string;
  count: number;
  completedAt: number;
}

beforeAll(async () => {
  session = await launchExtension();
  page = await session.openPage('popup.html');
});
afterAll(async () => {
  await session.close();
});

/**
 * The browser closed mid-import: the packaged titles cleared and none written back yet. The worker is stopped, so
 * the next message starts one that redoes the import.
 */
async function importCutShort() {
  await idb(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(['movies', 'meta'], 'readwrite');
        tx.objectStore('movies').delete(IDBKeyRange.lowerBound(1));
        const meta = tx.objectStore('meta').get('catalogue');
        meta.onsuccess = () => tx.objectStore('meta').put({ ...meta.result, status: 'importing' });
        tx.oncomplete = () => resolve(null);
        tx.onerror = () => reject(tx.error);
      }),
  );
  await stopServiceWorker(session, page);
}

describe('catalogue in IndexedDB', () => {
  it('is imported on install, complete and counted', async () => {
    const status = await ask<Status>({ type: 'catalogue-ensure' });
    expect(status).toMatchObject({ version: manifest.version, status: 'complete', count: manifest.counts.movies });
    const count = await idb(
      (db) =>
        new Promise<number>((resolve) => {
          const r = db.transaction('movies').objectStore('movies').count();
          r.onsuccess = () => resolve(r.result);
        }),
    );
    expect(count).toBe(manifest.counts.movies);
  });

  it('answers lookups by id, TMDB id and title', async () => {
    const [toy] = await ask<{ title: string; tmdbId: number; genres: string[] }[]>({
      type: 'movies-get',
      movieIds: [1, 999999999],
    });
    expect(toy).toMatchObject({ title: 'Toy Story', tmdbId: 862 });
    const byTmdb = await idb(
      (db) =>
        new Promise<number>((resolve) => {
          const r = db.transaction('movies').objectStore('movies').index('tmdbId').get(862);
          r.onsuccess = () => resolve((r.result as { movieId: number }).movieId);
        }),
    );
    expect(byTmdb).toBe(1);
    const hits = await ask<{ movieId: number; title: string }[]>({
      type: 'movies-search',
      query: 'toy sto',
      limit: 10,
    });
    expect(hits.map((h) => h.title)).toContain('Toy Story');
    expect(hits.every((h) => /toy/i.test(h.title))).toBe(true);
  });

  it('skips the import when the same version is already complete', async () => {
    const before = await ask<Status>({ type: 'catalogue-ensure' });
    const after = await ask<Status>({ type: 'catalogue-ensure' });
    expect(after.completedAt).toBe(before.completedAt);
  });

  it('redoes a partial import and an older version without touching the user’s stores', async () => {
    await idb(
      (db) =>
        new Promise((resolve, reject) => {
          const tx = db.transaction(['feedback', 'watchlist', 'settings', 'movies', 'meta'], 'readwrite');
          tx.objectStore('feedback').add({ movieId: 1, kind: 'up', at: 1 });
          tx.objectStore('watchlist').put({ movieId: 2, at: 2 });
          tx.objectStore('settings').put({ theme: 'dark' }, 'prefs');
          // An import cut short: some movies gone, state still "importing".
          for (const id of [1, 2, 3, 4, 5]) tx.objectStore('movies').delete(id);
          const meta = tx.objectStore('meta').get('catalogue');
          meta.onsuccess = () => tx.objectStore('meta').put({ ...meta.result, status: 'importing' });
          tx.oncomplete = () => resolve(null);
          tx.onerror = () => reject(tx.error);
        }),
    );
    const redone = await ask<Status>({ type: 'catalogue-ensure' });
    expect(redone).toMatchObject({ status: 'complete', count: manifest.counts.movies });
    expect((await ask<unknown[]>({ type: 'movies-get', movieIds: [1] })).length).toBe(1);

    // An update ships a new version: the old one is replaced.
    await idb(
      (db) =>
        new Promise((resolve) => {
          const tx = db.transaction('meta', 'readwrite');
          const meta = tx.objectStore('meta').get('catalogue');
          meta.onsuccess = () => tx.objectStore('meta').put({ ...meta.result, version: 'older' });
          tx.oncomplete = () => resolve(null);
        }),
    );
    expect((await ask<Status>({ type: 'catalogue-ensure' })).version).toBe(manifest.version);

    const user = await idb(
      (db) =>
        new Promise<unknown[]>((resolve) => {
          const tx = db.transaction(['feedback', 'watchlist', 'settings']);
          const out: unknown[] = [];
          const a = tx.objectStore('feedback').count();
          a.onsuccess = () => (out[0] = a.result);
          const b = tx.objectStore('watchlist').count();
          b.onsuccess = () => (out[1] = b.result);
          const c = tx.objectStore('settings').get('prefs');
          c.onsuccess = () => (out[2] = c.result);
          tx.oncomplete = () => resolve(out);
        }),
    );
    expect(user).toEqual([1, 1, { theme: 'dark' }]);
  });

  it('lists the watchlist, marks and titles whole and finds titles while an import is writing, without waiting for it', async () => {
    await ask({ type: 'catalogue-ensure' });
    // Saved earlier: Toy Story (id 1) and Zootopia (a late id, written in the import's last batch).
    const zootopia = (
      await ask<{ movieId: number; title: string }[]>({ type: 'movies-search', query: 'zootopia', limit: 1 })
    )[0]!;
    await ask({ type: 'feedback', movieId: 1, signal: 'watchlist', mood: null });
    await ask({ type: 'feedback', movieId: zootopia.movieId, signal: 'watchlist', mood: null });
    const before = await ask<{ movie: { movieId: number } }[]>({ type: 'watchlist-list' });
    const saved = before.map((w) => String(w.movie.movieId));
    expect(saved.slice(0, 2)).toEqual([String(zootopia.movieId), '1']);
    const marked = await ask<{ marks: { movie: { movieId: number } }[] }>({
      type: 'marks-list',
      limit: 10,
      only: null,
    });
    // The next worker start redoes the import; the user opens Moodreel meanwhile.
    await importCutShort();
    const popup = await session.openPage('popup.html');
    const importStatus = () =>
      idb(
        (db) =>
          new Promise<string>((resolve) => {
            const r = db.transaction('meta').objectStore('meta').get('catalogue');
            r.onsuccess = () => resolve((r.result as { status: string }).status);
          }),
      );
    const [[watchlist, meanwhile], marks, [found, searchedMeanwhile], shown] = await Promise.all([
      // Taken from the shipped file while the import writes: the list does not wait for it.
      ask<{ movie: { movieId: number } }[]>({ type: 'watchlist-list' }).then(
        async (w) => [w, await importStatus()] as const,
      ),
      ask<{ marks: { movie: { movieId: number } }[] }>({ type: 'marks-list', limit: 10, only: null }),
      ask<{ title: string }[]>({ type: 'movies-search', query: 'toy sto', limit: 10 }).then(
        async (f) => [f, await importStatus()] as const,
      ),
      (async () => {
        await popup.click('[data-testid="tab-watchlist"]');
        await popup.waitForSelector('[data-testid="watchlist-item"], [data-testid="watchlist-empty"]');
        return popup.$$eval('[data-testid="watchlist-item"]', (rows) =>
          rows.map((r) => r.getAttribute('data-movie-id')),
        );
      })(),
    ]);
    expect(shown).toEqual(saved);
    expect(watchlist.map((w) => String(w.movie.movieId))).toEqual(saved);
    expect(meanwhile).toBe('importing');
    expect(marks).toEqual(marked);
    expect(found.map((m) => m.title)).toContain('Toy Story');
    expect(searchedMeanwhile).toBe('importing');
    expect(await ask<Status>({ type: 'catalogue-ensure' })).toMatchObject({
      status: 'complete',
      count: manifest.counts.movies,
    });
    await popup.close();

    // Once more, in the options, as on the first run: the title the import writes last is found before it is written.
    await importCutShort();
    const options = await session.openPage('options.html');
    await options.type('[data-testid="marks-search"]', 'zootopia');
    await options.waitForSelector(`[data-testid="found"][data-movie-id="${zootopia.movieId}"]`);
    expect(await importStatus()).toBe('importing');
    expect(await options.$('[data-testid="marks-searching"]')).toBeNull();
    expect(await options.$('[data-testid="marks-search-none"]')).toBeNull();
    expect(await ask<Status>({ type: 'catalogue-ensure' })).toMatchObject({ status: 'complete' });
    await options.close();
  });

  it('says the titles are loading on the privacy page while an import writes them, then counts them all, unreloaded', async () => {
    await ask({ type: 'catalogue-ensure' });
    await importCutShort();
    const privacy = await session.openPage('privacy.html');
    const shown = () => privacy.$eval('[data-testid="count-movies"]', (e) => e.textContent);
    // Not a count that is part of one (it read 0, then 5,750…, and stood there until the page was opened again).
    await privacy.waitForFunction(() => document.querySelector('[data-testid="count-movies"]')?.textContent !== '…');
    expect(await shown()).toBe('Loading…');
    await privacy.waitForFunction(
      (all: string) => document.querySelector('[data-testid="count-movies"]')?.textContent === all,
      { timeout: 60_000 },
      new Intl.NumberFormat('en').format(manifest.counts.movies!),
    );
    await privacy.close();
  });

  it('saves a mark given while an import is writing at once, between its batches, not after them', async () => {
    await ask({ type: 'catalogue-ensure' });
    await importCutShort();
    const importing = ask<Status>({ type: 'catalogue-ensure' });
    // Under way: the shipped file read and the first titles written back.
    const written = () =>
      idb(
        (db) =>
          new Promise<number>((resolve) => {
            const r = db.transaction('movies').objectStore('movies').count(IDBKeyRange.lowerBound(1));
            r.onsuccess = () => resolve(r.result);
          }),
      );
    await expect.poll(written, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    const waits: number[] = [];
    const events: number[] = [];
    let lastConfirmed = 0;
    for (const movieId of [3, 4, 5]) {
      const start = Date.now();
      const { eventId } = await ask<{ eventId: number }>({ type: 'feedback', movieId, signal: 'seen', mood: null });
      lastConfirmed = Date.now();
      waits.push(lastConfirmed - start);
      events.push(eventId);
    }
    const done = await importing;
    for (const eventId of events) await ask({ type: 'feedback-undo', eventId });
    // All three given and saved while the import was writing, each in a moment (a card's buttons wait that long).
    expect(lastConfirmed).toBeLessThan(done.completedAt);
    expect(
      waits.every((ms) => ms < 800),
      `waits ${waits.join(', ')} ms`,
    ).toBe(true);
  });

  it('rejects malformed lookups', async () => {
    await expect(ask({ type: 'movies-get', movieIds: ['1; DROP'] })).rejects.toThrow(/invalid-message/);
    await expect(ask({ type: 'movies-search', query: 'x'.repeat(500), limit: 5 })).rejects.toThrow(/invalid-message/);
  });
});
