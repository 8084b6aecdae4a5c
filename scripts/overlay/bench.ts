/**
 * `npm run overlay:bench`: the companion overlay's main-thread cost on a busy page. The built extension runs in
 * headless Chromium on the YouTube fixture (served under its real host name, as in the e2e tests) while the page
 * churns like a live chat: DOM nodes added and removed every 50 ms, a clock updated every frame, the page scrolled,
 * and the pointer sweeps over the player all the while.
 * The overlay's content script adds up the time its own observers and refreshes take (in its isolated world);
 * the figure is that time per second of page activity (budget ≤ 2 ms/s), badge collapsed and panel open; and on a
 * large page of the site without a player (20,000 elements, some with shadow roots, as a browse page has) that adds a
 * card every 50 ms, where the overlay looks for one at each change and shows nothing.
 * Prints a Markdown table, then one JSON line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { evaluateInContentScript, launchExtension } from '../../tests/support/chromium';
import { FACES } from '../../tests/support/images';
import { clipOf, startSiteServer } from '../../tests/support/site-server';
import { markdownTable, round } from '../lib/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BUDGET_MS_PER_S = 2;

interface Cost {
  busyMs: number;
  runs: number;
}

/** The overlay's cost counters, from the content script's isolated world. */
async function overlayCost(page: Page): Promise<Cost> {
  const cost = JSON.parse(
    await evaluateInContentScript<string>(page, 'JSON.stringify(globalThis.__moodreelOverlayCost ?? null)'),
  ) as Cost | null;
  if (!cost) throw new Error('The overlay content script is not running on the page');
  return cost;
}

/**
 * Live-chat-like churn in the page's own world, for `seconds`; resolves with the number of DOM mutations made.
 * A string, so the bundler's helpers never reach the page.
 */
const CHURN = `(seconds) => new Promise((done) => {
  const chat = document.createElement('ul');
  const clock = document.createElement('p');
  document.body.append(chat, clock);
  let mutations = 0;
  const end = performance.now() + seconds * 1000;
  const finish = () => { chat.remove(); clock.remove(); done(mutations); };
  const tick = setInterval(() => {
    for (let i = 0; i < 10; i++) {
      const li = document.createElement('li');
      li.textContent = 'message ' + mutations++;
      chat.append(li);
    }
    while (chat.children.length > 200) chat.firstElementChild.remove();
    window.scrollBy(0, mutations % 20 === 0 ? 40 : -40);
    if (performance.now() > end) { clearInterval(tick); finish(); }
  }, 50);
  const frame = () => {
    clock.textContent = new Date().toISOString();
    mutations++;
    if (performance.now() < end) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

function churn(page: Page, seconds: number): Promise<number> {
  return page.evaluate(`(${CHURN})(${seconds})`) as Promise<number>;
}

/** A pointer sweeping over the player until `done` settles, as a hand on the mouse does; resolves with its moves. */
async function sweep(page: Page, done: Promise<unknown>): Promise<number> {
  let over = false;
  void done.finally(() => (over = true));
  let moves = 0;
  while (!over) {
    await page.mouse.move(200 + ((moves * 7) % 600), 150 + ((moves * 3) % 300));
    moves++;
  }
  return moves;
}

/**
 * The overlay's cost while `activity` runs on the page (resolving with the page's mutations and pointer moves): a row
 * of the table, labelled `name`, and its time per second.
 */
async function measured(
  page: Page,
  name: string,
  activity: () => Promise<[number, number]>,
): Promise<{ row: (string | number)[]; msPerSecond: number }> {
  const before = await overlayCost(page);
  const start = Date.now();
  const [mutations, moves] = await activity();
  const seconds = (Date.now() - start) / 1000;
  const after = await overlayCost(page);
  const msPerSecond = round((after.busyMs - before.busyMs) / seconds, 3);
  const row = [name, round(seconds, 1), mutations, moves, after.runs - before.runs, msPerSecond, BUDGET_MS_PER_S];
  return { row, msPerSecond };
}

/** A large page of the site without a player, where the overlay shows nothing, as it loads more. */
async function noPlayer(browser: Browser, url: string): Promise<{ row: (string | number)[]; msPerSecond: number }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(url);
  await page.evaluate(() => {
    for (let i = 0; i < 20_000; i++) {
      const el = document.createElement('div');
      if (i % 400 === 0) el.attachShadow({ mode: 'open' }).innerHTML = '<span>card</span>';
      document.body.append(el);
    }
  });
  await new Promise((r) => setTimeout(r, 2000)); // the overlay's first looks at the grown page
  // A browse page loading cards as it goes: one added every 50 ms, nothing redrawn in between.
  const result = await measured(page, 'no player, 20,000 elements', async () => [
    (await page.evaluate(
      `new Promise((done) => { let n = 0; const end = performance.now() + ${SECONDS * 1000};
        const tick = setInterval(() => { const card = document.createElement('p'); card.textContent = 'card ' + n++;
          document.body.append(card); if (performance.now() > end) { clearInterval(tick); done(n); } }, 50); })`,
    )) as number,
    0,
  ]);
  await page.close();
  return result;
}

async function main() {
  const media = mkdtempSync(join(tmpdir(), 'moodreel-bench-'));
  clipOf(join(FACES, 'skimage_astronaut.png'), join(media, 'face.webm'));
  const server = await startSiteServer(media);
  const session = await launchExtension({ extraArgs: server.chromiumArgs });
  const rows: (string | number)[][] = [];
  const summary: Record<string, number> = {};
  try {
    const page = await session.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(server.url('www.youtube.com', '/watch?v=bench'));
    await page.waitForFunction(() => Boolean(document.querySelector('moodreel-overlay')?.shadowRoot), {
      timeout: 15_000,
    });
    for (const state of ['collapsed', 'open'] as const) {
      if (state === 'open') {
        await page.click('moodreel-overlay >>> [data-testid="overlay-badge"]');
        await new Promise((r) => setTimeout(r, 3000)); // picks arrive before measuring
      }
      const { row, msPerSecond } = await measured(page, state, () => {
        const churning = churn(page, SECONDS);
        return Promise.all([churning, sweep(page, churning)]);
      });
      rows.push(row);
      summary[`${state}MsPerSecond`] = msPerSecond;
    }
    await page.close();
    const bare = await noPlayer(session.browser, server.url('www.youtube.com', '/consent'));
    rows.push(bare.row);
    summary.noPlayerMsPerSecond = bare.msPerSecond;
  } finally {
    await session.close();
    await server.close();
  }
  console.log('Overlay main-thread cost on a busy page (YouTube fixtures, headless Chromium):');
  console.log(
    markdownTable(
      ['overlay', 'seconds', 'page mutations', 'pointer moves', 'overlay callbacks', 'overlay ms per s', 'budget ms/s'],
      rows,
    ),
  );
  console.log(JSON.stringify({ bench: 'overlay', budgetMsPerSecond: BUDGET_MS_PER_S, ...summary }));
}

await main();
