/**
 * `npm run emotion:bench`: how fast the built extension reads faces, in headless Chromium on this machine.
 * For each tfjs backend that starts here: the time to start it and load the models (fresh offscreen document),
 * and `analyze` time (p50/p95 over RUNS runs after WARMUP warm-up runs) for a single-face photo and a group photo,
 * both as measured inside the offscreen document (inference) and as seen by the popup (round trip, including
 * image transfer and decoding). Prints a Markdown table, then one JSON line. BENCH_RUNS sets RUNS; BENCH_CASES (e.g.
 * wasm/tiny,wasm/ssd) keeps only those backend/detector cases.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { Backend } from '../../models/face/backend';
import type { AnalysisResult } from '../../models/protocol';
import type { Reply } from '../../models/messaging';
import type { DetectorKind } from '../../models/face/config';
import { launchExtension } from '../../tests/support/chromium';
import { dataUrl, FACES } from '../../tests/support/images';
import { markdownTable, quantile, round } from '../lib/stats';
import { errorText } from '../../models/error-text';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;
const IMAGES = {
  single: { file: 'human_person-vlado.jpg', note: '1024×768, 1 face' },
  group: { file: 'face-api_sample1.jpg', note: '1920×1280, 4 faces' },
} as const;
const ALL_CASES: { backend: Backend; detector: DetectorKind }[] = [
  { backend: 'wasm', detector: 'tiny' },
  { backend: 'wasm', detector: 'ssd' },
  { backend: 'webgl', detector: 'tiny' },
  { backend: 'cpu', detector: 'tiny' },
];
/** BENCH_CASES=wasm/tiny,wasm/ssd: only those cases (an A/B of one backend takes minutes, not a quarter of an hour). */
const ASKED = process.env.BENCH_CASES?.split(',').map((c) => c.trim());
const CASES = ASKED ? ALL_CASES.filter(({ backend, detector }) => ASKED.includes(`${backend}/${detector}`)) : ALL_CASES;
if (CASES.length === 0)
  throw new Error(
    `BENCH_CASES names none of ${ALL_CASES.map(({ backend, detector }) => `${backend}/${detector}`).join(', ')}`,
  );

async function analyze(page: Page, image: string, backend: Backend, detector: DetectorKind) {
  return page.evaluate(
    async (image, backend, detector) => {
      const start = performance.now();
      const reply = (await chrome.runtime.sendMessage({
        type: 'analyze-image',
        image,
        detector,
        backend,
      })) as Reply<AnalysisResult>;
      return { reply, roundTripMs: performance.now() - start };
    },
    image,
    backend,
    detector,
  );
}

interface Row {
  backend: Backend;
  detector: DetectorKind;
  image: keyof typeof IMAGES;
  faces: number;
  loadMs: number;
  /** The first request after a fresh start: offscreen document, backend, models and the analysis itself. */
  coldMs: number;
  p50: number;
  p95: number;
  roundTripP50: number;
  /** The look of the scene (faces left out), measured in the offscreen document. */
  lookP50: number;
}

async function main() {
  // SwiftShader lets WebGL start without a GPU, so its cost can be measured next to wasm.
  const session = await launchExtension({ extraArgs: ['--enable-unsafe-swiftshader'] });
  const rows: Row[] = [];
  const unavailable: string[] = [];
  try {
    const page = await session.openPage('popup.html');
    // Opening the popup warms the model up; let that finish first, or it would reload the models after a reset below
    // and the first case would find them loaded.
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'warm-up', detector: 'tiny' }));
    for (const { backend, detector } of CASES) {
      await page.evaluate(() => chrome.runtime.sendMessage({ type: 'reset-inference' }));
      let loadMs = Number.NaN;
      let coldMs = Number.NaN;
      for (const [name, { file }] of Object.entries(IMAGES) as [keyof typeof IMAGES, { file: string }][]) {
        const image = dataUrl(join(FACES, file));
        const inference: number[] = [];
        const roundTrip: number[] = [];
        const look: number[] = [];
        let faces = 0;
        for (let i = 0; i < WARMUP + RUNS; i++) {
          const { reply, roundTripMs } = await analyze(page, image, backend, detector);
          if (!reply.ok) throw new Error(`${backend}: ${reply.error.message}`);
          if (reply.value.backend !== backend) throw new Error(`asked for ${backend}, ran on ${reply.value.backend}`);
          if (reply.value.loadMs !== null) {
            loadMs = reply.value.loadMs;
            coldMs = roundTripMs;
          }
          faces = reply.value.faces.length;
          if (i >= WARMUP) {
            inference.push(reply.value.inferenceMs);
            roundTrip.push(roundTripMs);
            look.push(reply.value.lookMs);
          }
        }
        rows.push({
          backend,
          detector,
          image: name,
          faces,
          loadMs: round(loadMs),
          coldMs: round(coldMs),
          p50: round(quantile(inference, 0.5)),
          p95: round(quantile(inference, 0.95)),
          roundTripP50: round(quantile(roundTrip, 0.5)),
          lookP50: round(quantile(look, 0.5), 2),
        });
        coldMs = Number.NaN; // the cold start belongs to the first image of a case only
        console.error(`${backend}/${detector}/${name}: p50 ${round(quantile(inference, 0.5))} ms`);
      }
    }
  } catch (error) {
    unavailable.push(errorText(error));
  } finally {
    await session.close();
  }

  const chromium = session.browser.process()?.spawnfile ?? 'chromium';
  console.log(
    `Inference benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length}× ${cpus()[0]?.model ?? 'CPU'}, ${chromium}, ${RUNS} runs after ${WARMUP} warm-up`,
  );
  console.log(
    markdownTable(
      [
        'backend',
        'detector',
        'image',
        'faces',
        'start backend + load models (ms)',
        'first check after start (ms)',
        'analyze p50 (ms)',
        'analyze p95 (ms)',
        'popup round trip p50 (ms)',
        'look of the scene p50 (ms)',
      ],
      rows.map((r) => [
        r.backend,
        r.detector,
        `${r.image} (${IMAGES[r.image].note})`,
        r.faces,
        r.loadMs,
        Number.isNaN(r.coldMs) ? '–' : r.coldMs,
        r.p50,
        r.p95,
        r.roundTripP50,
        r.lookP50,
      ]),
    ),
  );
  for (const u of unavailable) console.log(`Not measured: ${u}`);
  const summary: Record<string, number> = {};
  for (const r of rows) {
    summary[`${r.backend}_${r.detector}_${r.image}_p50_ms`] = r.p50;
    summary[`${r.backend}_${r.detector}_load_ms`] = r.loadMs;
    summary[`${r.backend}_${r.detector}_${r.image}_look_p50_ms`] = r.lookP50;
    if (!Number.isNaN(r.coldMs)) summary[`${r.backend}_${r.detector}_cold_ms`] = r.coldMs;
  }
  console.log(JSON.stringify({ bench: 'inference', runs: RUNS, ...summary }));
}

await main();
