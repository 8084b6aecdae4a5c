/**
 * `npm run emotion:fit-confidence [-- --data <folder>]`: fits the calibration of the "how sure" figure the popup
 * states (models/mood/chance.ts) on the tuning part of the real-size labelled photos (split by person, see
 * scripts/lib/photos.ts; the reporting part is never read here). Each photo the extension reads a mood from gives
 * (a figure of the reading, right or wrong); Platt scaling, a logistic regression on the figure's logit, turns it
 * into the chance of being right. Which figure: the table compares them held out one person at a time; the leading
 * emotion's probability had the lower log-loss and is what chance.ts reads (the mood's margin-aware certainty, times
 * the detection score, was stated until 2026-12-01). Writes models/weights/confidence-calibration.json (fitted on
 * every tuning photo); prints the comparison, then one JSON line. Deterministic.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chanceRight, type ConfidenceCalibration } from '../../models/mood/chance';
import { logit } from '../../models/probability';
import { calibrationReport } from '../lib/classification';
import { readPhotoMoods, readPhotos } from '../lib/photos';
import { markdownTable, round } from '../lib/stats';

const OUT = resolve('models/weights/confidence-calibration.json');
const i = process.argv.indexOf('--data');
const DATA = resolve(
  i >= 0
    ? process.argv[i + 1]!
    : join(process.env.MOODREEL_DATA ?? '../shared/data', 'faces-expressions/taiwan-performers'),
);

/** Logistic regression of `y` on one feature (and a bias) by Newton's method, with a faint L2 pull toward a = 1, b = 0. */
function fitPlatt(x: readonly number[], y: readonly boolean[]): ConfidenceCalibration {
  let a = 1;
  let b = 0;
  const l2 = 1e-3;
  for (let step = 0; step < 50; step++) {
    let ga = l2 * (a - 1);
    let gb = l2 * b;
    let haa = l2;
    let hab = 0;
    let hbb = l2;
    x.forEach((xi, k) => {
      const p = 1 / (1 + Math.exp(-(a * xi + b)));
      const r = p - (y[k] ? 1 : 0);
      const w = p * (1 - p);
      ga += r * xi;
      gb += r;
      haa += w * xi * xi;
      hab += w * xi;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

interface Stated {
  person: string;
  certainty: number;
  top: number;
  right: boolean;
}

/** A figure's Platt chances for every reading, each fitted without that reading's person (leave one person out). */
function heldOutChances(stated: readonly Stated[], figure: (s: Stated) => number): number[] {
  const out = new Array<number>(stated.length);
  for (const person of new Set(stated.map((s) => s.person))) {
    const train = stated.filter((s) => s.person !== person);
    const fit = fitPlatt(
      train.map((s) => logit(figure(s))),
      train.map((s) => s.right),
    );
    stated.forEach((s, k) => {
      if (s.person === person) out[k] = chanceRight(figure(s), fit);
    });
  }
  return out;
}

const logLoss = (p: readonly number[], y: readonly boolean[]) =>
  -p.reduce((sum, pk, k) => sum + Math.log(Math.min(1 - 1e-9, Math.max(1e-9, y[k] ? pk : 1 - pk))), 0) / p.length;

async function main() {
  const tuning = readPhotos(DATA).filter((p) => p.part === 'tuning');
  if (tuning.length === 0) throw new Error(`No tuning photos under ${DATA} (it needs a labels.csv naming persons)`);
  const { readings } = await readPhotoMoods(tuning);
  // Only readings that state a mood: "no face found" states no confidence.
  const stated: Stated[] = readings.flatMap(({ photo, mood }) =>
    mood.kind === 'mood'
      ? [
          {
            person: photo.person ?? photo.path,
            certainty: mood.confidence,
            top: mood.probabilities[mood.dominant],
            right: mood.dominant === photo.label,
          },
        ]
      : [],
  );
  const right = stated.map((s) => s.right);
  const ece = (p: readonly number[]) =>
    calibrationReport(p.map((confidence, k) => ({ confidence, correct: right[k]! }))).ece;
  const figures = [
    { key: 'certainty', name: 'certainty (stated until 2026-12-01)', of: (s: Stated) => s.certainty },
    { key: 'top', name: "the leading emotion's probability (shipped)", of: (s: Stated) => s.top },
  ].map((f) => ({ ...f, heldOut: heldOutChances(stated, f.of) }));
  const fitted = fitPlatt(
    stated.map((s) => logit(s.top)),
    right,
  );
  console.log(
    `Tuning part: ${tuning.length} photos, ${stated.length} with a mood; Platt on the top probability: a = ${round(fitted.a, 4)}, b = ${round(fitted.b, 4)}`,
  );
  console.log(
    markdownTable(
      ['figure the chance is fitted on', 'held-out log-loss', 'held-out ECE', 'raw figure ECE'],
      figures.map((f) => [
        f.name,
        round(logLoss(f.heldOut, right), 4),
        round(ece(f.heldOut), 4),
        round(ece(stated.map(f.of)), 4),
      ]),
    ),
  );
  const after = ece(stated.map((s) => chanceRight(s.top, fitted)));
  writeFileSync(
    OUT,
    `${JSON.stringify({ a: round(fitted.a, 6), b: round(fitted.b, 6), fittedOn: `top probability; tuning part of ${DATA.split('/').pop()}: ${stated.length} photos with a mood` })}\n`,
  );
  console.log(
    JSON.stringify({
      fit: 'confidence',
      photos: stated.length,
      a: round(fitted.a, 6),
      b: round(fitted.b, 6),
      heldOutLogLoss: Object.fromEntries(figures.map((f) => [f.key, round(logLoss(f.heldOut, right), 4)])),
      eceAfter: round(after, 4),
    }),
  );
}

await main();
