/**
 * `npm run emotion:fit-confidence [-- --data <folder>]`: fits the calibration of the "how sure" figure the popup
 * states (models/mood/chance.ts) on the tuning part of the real-size labelled photos (split by person, see
 * scripts/lib/photos.ts; the reporting part is never read here). Each photo the extension reads a mood from gives
 * (certainty, right or wrong); Platt scaling, a logistic regression on logit(certainty), turns certainty into the
 * chance of being right. Writes models/weights/confidence-calibration.json; prints ECE before and after on the
 * tuning part, then one JSON line. Deterministic.
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

async function main() {
  const tuning = readPhotos(DATA).filter((p) => p.part === 'tuning');
  if (tuning.length === 0) throw new Error(`No tuning photos under ${DATA} (it needs a labels.csv naming persons)`);
  const { readings } = await readPhotoMoods(tuning);
  // Only readings that state a mood: "no face found" states no confidence.
  const stated = readings.flatMap(({ photo, mood }) =>
    mood.kind === 'mood' ? [{ certainty: mood.confidence, right: mood.dominant === photo.label }] : [],
  );
  const fitted = fitPlatt(
    stated.map((s) => logit(s.certainty)),
    stated.map((s) => s.right),
  );
  const before = calibrationReport(stated.map((s) => ({ confidence: s.certainty, correct: s.right })));
  const after = calibrationReport(
    stated.map((s) => ({ confidence: chanceRight(s.certainty, fitted), correct: s.right })),
  );
  console.log(
    `Tuning part: ${tuning.length} photos, ${stated.length} with a mood; Platt a = ${round(fitted.a, 4)}, b = ${round(fitted.b, 4)}`,
  );
  console.log(
    markdownTable(
      ['stated figure', 'ECE (tuning part)'],
      [
        ['certainty as before', round(before.ece, 4)],
        ['calibrated chance', round(after.ece, 4)],
      ],
    ),
  );
  writeFileSync(
    OUT,
    `${JSON.stringify({ a: round(fitted.a, 6), b: round(fitted.b, 6), fittedOn: `tuning part of ${DATA.split('/').pop()}: ${stated.length} photos with a mood` })}\n`,
  );
  console.log(
    JSON.stringify({
      fit: 'confidence',
      photos: stated.length,
      a: round(fitted.a, 6),
      b: round(fitted.b, 6),
      eceBefore: round(before.ece, 4),
      eceAfter: round(after.ece, 4),
    }),
  );
}

await main();
