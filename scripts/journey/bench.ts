/**
 * `npm run journey:bench`: a mood check timed as a user feels it. The built extension runs in headless Chromium; a
 * page plays a video of a face; the toolbar button opens the popup (as a click does, granting activeTab) and the
 * bench clicks "This tab's video" or "Camera" in it. Times run from that click to the mood on screen and to the first
 * pick on screen, measured in the popup itself (performance.now() at the click, then every animation frame).
 *
 * Moments: (a) the first check right after install (a fresh profile each run: the catalogue is still importing),
 * (b) the first check after a browser restart (the same profile, closed and opened again), (c) warm checks (the
 * popup opened again in a running browser), (d) the popup opened again once the analysis page was closed for being
 * unused (its idle alarm brought forward; a build without that alarm keeps the page, and reads as warm). The
 * camera's deliberate 3-2-1 countdown is reported apart: its rows count from the end of the countdown. Prints a
 * Markdown table, then one JSON line.
 *
 *   JOURNEY_RUNS=10 (runs per row), JOURNEY_ONLY=tab|camera, JOURNEY_MOMENTS=warm (one install and restart, not
 *   reported, then the warm and idle runs), JOURNEY_PAGE=youtube (the YouTube fixture, where the overlay runs and
 *   "This tab's video" asks it to step aside and where its player is; by default a page no adapter claims, asked by
 *   a script)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { launchExtension, type ExtensionSession } from '../../tests/support/chromium';
import { analysisPagesOpen, idleAlarmNow } from '../../tests/support/analysis-page';
import { fakeCameraVideo, FACES } from '../../tests/support/images';
import { clipOf, startSiteServer, type SiteServer } from '../../tests/support/site-server';
import { markdownTable, quantile, round } from '../lib/stats';

const RUNS = Number(process.env.JOURNEY_RUNS ?? 10);
const ONLY = process.env.JOURNEY_ONLY ?? null;
const FACE = join(FACES, 'human_person-vlado.jpg');
const PAGE =
  process.env.JOURNEY_PAGE === 'youtube'
    ? { host: 'www.youtube.com', path: '/watch?v=bench' }
    : { host: 'videos.example.org', path: '/' };
const WARM_ONLY = process.env.JOURNEY_MOMENTS === 'warm';
const TIMEOUT_MS = 120_000;
const MOMENT_LABEL = {
  install: 'first check after install',
  restart: 'first after a restart',
  warm: 'warm',
  idle: 'after the analysis page was closed unused',
} as const;

type Source = 'tab' | 'camera';
type Moment = 'install' | 'restart' | 'warm' | 'idle';
interface Timing {
  /** From the click to the end of the countdown (camera only; 0 for the tab). */
  countdownMs: number;
  moodMs: number;
  pickMs: number;
}

/**
 * Runs in the popup: clicks the button, then watches every frame for the end of the countdown, the mood and the
 * first pick card. A string, so the bundler's helpers never reach the page.
 */
const TIMED_CLICK = `(button, timeout) => new Promise((done, fail) => {
  const t0 = performance.now();
  document.querySelector('[data-testid="' + button + '"]').click();
  let countdownMs = 0, moodMs = null;
  let counting = false;
  const visible = (sel) => { const el = document.querySelector(sel); return el && el.getClientRects().length > 0; };
  const frame = () => {
    const now = performance.now() - t0;
    if (visible('[data-testid="countdown"]')) counting = true;
    else if (counting && countdownMs === 0) countdownMs = now;
    if (moodMs === null && visible('[data-testid="mood"]')) moodMs = now;
    const problem = document.querySelector('[data-testid="notice"]');
    if (problem) return fail(new Error('notice: ' + problem.getAttribute('data-code')));
    if (moodMs !== null && visible('[data-testid="pick"]')) return done({ countdownMs, moodMs, pickMs: now });
    if (now > timeout) return fail(new Error('timed out; mood ' + moodMs));
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

async function openPopup(session: ExtensionSession, tab: Page): Promise<Page> {
  const target = session.browser.waitForTarget((t) => t.url().endsWith('/popup.html'), { timeout: 30_000 });
  await tab.bringToFront();
  await session.clickAction(tab);
  const popup = (await (await target).asPage())!;
  await popup.waitForSelector('[data-testid="check-tab"]:not([disabled])');
  return popup;
}

async function timedCheck(popup: Page, source: Source): Promise<Timing> {
  const button = source === 'tab' ? 'check-tab' : 'check-camera';
  const timing = (await popup.evaluate(`(${TIMED_CLICK})(${JSON.stringify(button)}, ${TIMEOUT_MS})`)) as Timing;
  if (source === 'camera')
    return { ...timing, moodMs: timing.moodMs - timing.countdownMs, pickMs: timing.pickMs - timing.countdownMs };
  return timing;
}

/** A page playing the face video, and (for the camera) the grant a user gives once on the camera page. */
async function prepare(session: ExtensionSession, server: SiteServer, source: Source, grant: boolean): Promise<Page> {
  if (source === 'camera' && grant) {
    const page = await session.openPage('camera.html');
    await page.waitForSelector('[data-testid="camera-granted"]', { timeout: 30_000 });
    await page.close();
  }
  const tab = await session.browser.newPage();
  await tab.goto(server.url(PAGE.host, PAGE.path));
  await tab.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.2);
  return tab;
}

/** The analysis page's idle alarm made to go off now, and the page's closing awaited (a build without it: nothing). */
async function closedUnused(session: ExtensionSession): Promise<void> {
  if (!(await idleAlarmNow(session))) return;
  for (let waited = 0; (await analysisPagesOpen(session)) !== 0 && waited < 10_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
}

async function closePopups(session: ExtensionSession): Promise<void> {
  for (const target of session.browser.targets())
    if (target.url().endsWith('/popup.html')) await (await target.asPage())?.close();
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'moodreel-journey-'));
  const server = await startSiteServer(work);
  clipOf(FACE, join(work, 'face.webm'));
  const camera = fakeCameraVideo(FACE, join(work, 'face.y4m'));
  const launch = (source: Source, userDataDir?: string) =>
    launchExtension({
      extraArgs: server.chromiumArgs,
      ...(source === 'camera' ? { fakeVideo: camera } : {}),
      ...(userDataDir ? { userDataDir } : {}),
    });
  const results: Record<string, Timing[]> = {};
  const record = (source: Source, moment: Moment, t: Timing) => {
    if (WARM_ONLY && (moment === 'install' || moment === 'restart')) return;
    (results[`${source}:${moment}`] ??= []).push(t);
    process.stdout.write(
      `${source} ${moment}: mood ${Math.round(t.moodMs)} ms, first pick ${Math.round(t.pickMs)} ms\n`,
    );
  };
  try {
    for (const source of ['tab', 'camera'] as const) {
      if (ONLY && ONLY !== source) continue;
      // (a) and (b): a fresh profile per run, checked at once after install, then again after a restart.
      for (let i = 0; i < (WARM_ONLY ? 1 : RUNS); i++) {
        const profile = mkdtempSync(join(tmpdir(), 'moodreel-journey-profile-'));
        try {
          let session = await launch(source, profile);
          let tab = await prepare(session, server, source, true);
          const first = await openPopup(session, tab);
          record(source, 'install', await timedCheck(first, source));
          // The import finishes before the restart, as it would in a user's first session.
          await first.evaluate(() => chrome.runtime.sendMessage({ type: 'catalogue-ensure' }));
          await session.close();
          session = await launch(source, profile);
          tab = await prepare(session, server, source, false);
          record(source, 'restart', await timedCheck(await openPopup(session, tab), source));
          // (c) warm: the popup opened again in the same browser.
          if (i === 0)
            for (let w = 0; w < RUNS; w++) {
              await closePopups(session);
              record(source, 'warm', await timedCheck(await openPopup(session, tab), source));
            }
          // (d) once the analysis page was closed for being unused.
          if (i === 0)
            for (let w = 0; w < RUNS; w++) {
              await closePopups(session);
              await closedUnused(session);
              record(source, 'idle', await timedCheck(await openPopup(session, tab), source));
            }
          await session.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }

  const rows: (string | number)[][] = [];
  const figures: Record<string, number> = {};
  for (const [key, timings] of Object.entries(results)) {
    const [source, moment] = key.split(':') as [Source, Moment];
    const mood = timings.map((t) => t.moodMs);
    const pick = timings.map((t) => t.pickMs);
    const countdown = timings.map((t) => t.countdownMs);
    rows.push([
      source === 'tab' ? "this tab's video" : 'camera (after the countdown)',
      MOMENT_LABEL[moment],
      timings.length,
      round(quantile(mood, 0.5), 0),
      round(quantile(mood, 0.95), 0),
      round(quantile(pick, 0.5), 0),
      round(quantile(pick, 0.95), 0),
      source === 'camera' ? round(quantile(countdown, 0.5), 0) : '–',
    ]);
    figures[`${source}_${moment}_mood_p50`] = round(quantile(mood, 0.5), 0);
    figures[`${source}_${moment}_pick_p50`] = round(quantile(pick, 0.5), 0);
    figures[`${source}_${moment}_pick_p95`] = round(quantile(pick, 0.95), 0);
  }
  console.log(
    markdownTable(
      [
        'source',
        'moment',
        'runs',
        'mood p50 ms',
        'mood p95 ms',
        'first pick p50 ms',
        'first pick p95 ms',
        'countdown ms',
      ],
      rows,
    ),
  );
  console.log(JSON.stringify({ bench: 'journey', runs: RUNS, ...figures }));
}

await main();
