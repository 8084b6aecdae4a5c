/**
 * `npm run catalogue:bench`: the packaged catalogue's size, its first-run import into IndexedDB in the built
 * extension (fresh profile each run, headless Chromium), and lookup times through the background: 1,000 random
 * ids in one request, and 100 title searches. Prints a table, then one JSON line.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { CatalogueStatus } from '../../models/protocol';
import type { Reply } from '../../models/messaging';
import { launchExtension, EXTENSION_DIR } from '../../tests/support/chromium';
import { readPackedCatalogue } from '../lib/catalogue';
import { rng } from '../../models/learning/linalg';
import { markdownTable, quantile, round } from '../lib/stats';

const IMPORT_RUNS = 3;
const LOOKUP_RUNS = 20;
const SEARCHES = 100;

async function ask<T>(page: Page, message: unknown): Promise<{ value: T; ms: number }> {
  const { reply, ms } = await page.evaluate(async (m) => {
    const start = performance.now();
    const reply = await chrome.runtime.sendMessage(m);
    return { reply, ms: performance.now() - start };
  }, message);
  const r = reply as Reply<T>;
  if (!r.ok) throw new Error(r.error.message);
  return { value: r.value, ms };
}

async function main() {
  const { manifest, movies } = readPackedCatalogue(join(EXTENSION_DIR, 'catalogue'));
  const packedBytes =
    Object.keys(manifest.files).reduce((sum, file) => sum + statSync(join(EXTENSION_DIR, 'catalogue', file)).size, 0) +
    statSync(join(EXTENSION_DIR, 'catalogue/manifest.json')).size;
  const random = rng(42);
  const imports: number[] = [];
  const lookups: number[] = [];
  const searches: number[] = [];
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const session = await launchExtension();
    try {
      const page = await session.openPage('popup.html');
      const { value: status } = await ask<CatalogueStatus>(page, { type: 'catalogue-ensure' });
      if (status.importMs === null || status.count !== movies.length) throw new Error('catalogue not imported');
      imports.push(status.importMs);
      if (run > 0) continue;
      for (let i = 0; i < LOOKUP_RUNS; i++) {
        const ids = Array.from({ length: 1000 }, () => movies[Math.floor(random() * movies.length)]!.movieId);
        const { value, ms } = await ask<unknown[]>(page, { type: 'movies-get', movieIds: ids });
        if (value.length !== 1000) throw new Error('lookup lost movies');
        lookups.push(ms);
      }
      for (let i = 0; i < SEARCHES; i++) {
        const words = movies[Math.floor(random() * movies.length)]!.title.split(/\s+/).filter((w) => w.length >= 3);
        const word = words[0] ?? 'love';
        const { ms } = await ask<unknown[]>(page, { type: 'movies-search', query: word.slice(0, 4), limit: 20 });
        searches.push(ms);
      }
    } finally {
      await session.close();
    }
  }
  const mb = (b: number) => round(b / 1e6, 2);
  console.log(
    `Catalogue benchmark, ${new Date().toISOString().slice(0, 10)}: ${movies.length} titles, catalogue ${manifest.version}`,
  );
  console.log(
    markdownTable(
      ['measure', 'value', 'budget'],
      [
        ['packaged size (movies, embeddings, manifest)', `${mb(packedBytes)} MB`, '≤ 8 MB'],
        [
          `first-run import into IndexedDB, median of ${IMPORT_RUNS} fresh profiles`,
          `${Math.round(quantile(imports, 0.5))} ms`,
          '≤ 3000 ms',
        ],
        [
          `1,000 random ids in one lookup, p50 of ${LOOKUP_RUNS} (p95)`,
          `${round(quantile(lookups, 0.5))} ms (${round(quantile(lookups, 0.95))})`,
          '≤ 50 ms',
        ],
        [
          `title search (4-letter prefix), p50 of ${SEARCHES} (p95)`,
          `${round(quantile(searches, 0.5))} ms (${round(quantile(searches, 0.95))})`,
          '—',
        ],
        [`${SEARCHES} title searches, total`, `${Math.round(searches.reduce((a, b) => a + b, 0))} ms`, '—'],
      ],
    ),
  );
  console.log(
    JSON.stringify({
      bench: 'catalogue',
      titles: movies.length,
      packedBytes,
      importMs: Math.round(quantile(imports, 0.5)),
      lookup1000P50Ms: round(quantile(lookups, 0.5)),
      searchP50Ms: round(quantile(searches, 0.5)),
      search100TotalMs: Math.round(searches.reduce((a, b) => a + b, 0)),
    }),
  );
}

await main();
