/**
 * `npm run emotion:soak`: 500 consecutive mood checks through the built extension in headless Chromium (the popup's own
 * message path: background → offscreen document → face-api), cycling a one-face photo, a group photo and a photo
 * with no face. Every 50 checks it prints the offscreen document's tfjs tensor count and its JS heap after a forced
 * garbage collection. The first 50 checks are the warm-up (compiled code, wasm kernels and caches settle); flat
 * means: from then on, tensors exactly as at the first check and heap within 10 % of the warmed-up heap. Prints a
 * Markdown table, then one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer';
import type { InferenceStats } from '../../models/protocol';
import type { Reply } from '../../models/messaging';
import { launchExtension } from '../../tests/support/chromium';
import { dataUrl, FACES } from '../../tests/support/images';
import { markdownTable, round } from '../lib/stats';

const CHECKS = Number(process.env.SOAK_CHECKS ?? 500);
const EVERY = 50;
/** A frame with no face in it: ffmpeg's test pattern. */
function testPattern(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'moodreel-soak-')), 'pattern.jpg');
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=s=640x480', '-frames:v', '1', out]);
  return out;
}

const IMAGES = [join(FACES, 'human_person-vlado.jpg'), join(FACES, 'face-api_sample1.jpg'), testPattern()].map(dataUrl);

async function ask<T>(page: Page, message: unknown): Promise<T> {
  const reply = (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as Reply<T>;
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/** The offscreen document's JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function main() {
  const session = await launchExtension();
  const rows: (string | number)[][] = [];
  let tensorsStart = 0;
  let tensorsEnd = 0;
  let heapStart = 0;
  let heapFirst = 0;
  let heapEnd = 0;
  let faces = 0;
  let failures = 0;
  const started = Date.now();
  try {
    const page = await session.openPage('popup.html');
    let cdp: CDPSession | null = null;
    for (let i = 1; i <= CHECKS; i++) {
      try {
        const result = await ask<{ faces: unknown[] }>(page, {
          type: 'analyze-image',
          image: IMAGES[i % IMAGES.length],
          detector: 'tiny',
          backend: 'auto',
        });
        faces += result.faces.length;
      } catch (error) {
        failures++;
        console.error(`check ${i} failed:`, error);
      }
      if (i === 1 || i % EVERY === 0) {
        if (!cdp) {
          const target = session.browser.targets().find((t) => t.url().endsWith('/offscreen.html'));
          if (!target) throw new Error('No offscreen document');
          cdp = await target.createCDPSession();
        }
        const stats = await ask<InferenceStats>(page, { type: 'inference-stats' });
        const heap = await heapAfterGc(cdp);
        if (i === 1) {
          tensorsStart = stats.numTensors;
          heapFirst = heap;
        }
        if (i === Math.min(EVERY, CHECKS)) heapStart = heap;
        tensorsEnd = stats.numTensors;
        heapEnd = heap;
        rows.push([
          i,
          stats.numTensors,
          round(heap / 1e6, 2),
          i < EVERY ? '(warm-up)' : `${round(((heap - heapStart) / heapStart) * 100, 1)} %`,
        ]);
        console.error(`${i} checks: ${stats.numTensors} tensors, ${round(heap / 1e6, 2)} MB heap`);
      }
    }
  } finally {
    await session.close();
  }
  const growth = (heapEnd - heapStart) / heapStart;
  const flat = tensorsEnd === tensorsStart && Math.abs(growth) <= 0.1 && failures === 0;
  console.log(
    `Soak: ${CHECKS} mood checks in the built extension (headless Chromium, wasm), ${round((Date.now() - started) / 1000, 1)} s:`,
  );
  console.log(
    markdownTable(['checks', 'tfjs tensors', 'offscreen JS heap after GC (MB)', 'heap vs after warm-up'], rows),
  );
  console.log(
    JSON.stringify({
      soak: CHECKS,
      failures,
      facesFound: faces,
      tensorsStart,
      tensorsEnd,
      heapFirstCheckBytes: heapFirst,
      heapStartBytes: heapStart,
      heapEndBytes: heapEnd,
      heapGrowthPct: round(growth * 100, 2),
      flat,
    }),
  );
  if (!flat) process.exitCode = 1;
}

await main();
