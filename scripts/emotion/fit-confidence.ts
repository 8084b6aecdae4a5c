/**
 * `npm run emotion:fit-confidence [-- --data <folder>]`: fits the calibration of the "how sure" figure the popup
 * states (models/mood/chance.ts) on tuning data of both kinds of face the extension reads, as the class balance is
 * (emotion:fit-balance): the tuning part of the real-size labelled photos (split by person, see scripts/lib/photos.ts;
 * the reporting part is never read here) and FER2013 Train's validation split on webcam-like frames (PublicTest is
 * never read). Each reading with a mood gives (a figure of the reading, right or wrong); Platt scaling, a logistic
 * regression on the figure's logit with the two sources weighted equally, turns it into the chance of being right.
 *
 * The table compares, held out one group at a time (a performer; a tenth of the FER faces), which figure (the mood's
 * margin-aware certainty, which carries the detection score and was stated until 2026-12-01, or the leading emotion's
 * probability) and which data (the photos alone, as until 2026-12-01, or both sources). chance.ts reads the leading
 * emotion's probability fitted on both: the lowest mean log-loss over the two sources. Writes
 * models/weights/confidence-calibration.json; prints the comparison, then one JSON line. Deterministic; about ten
 * minutes on 2 cores (the FER frames).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chanceRight, type ConfidenceCalibration } from '../../models/mood/chance';
import type { Mood } from '../../models/mood/mood';
import { logit } from '../../models/probability';
import { calibrationReport } from '../lib/classification';
import { ferImages, ferValidationIndices } from '../lib/fer';
import { decodeJpeg, webcamFrame } from '../lib/image';
import { readMoods, readPhotoMoods, readPhotos } from '../lib/photos';
import { markdownTable, round } from '../lib/stats';

const OUT = resolve('models/weights/confidence-calibration.json');
const TRAIN = resolve(process.env.MOODREEL_DATA ?? '../shared/data', 'fer2013/Train');
/** FER validation faces are held out a tenth at a time. */
const FER_GROUPS = 10;
const i = process.argv.indexOf('--data');
const DATA = resolve(
  i >= 0
    ? process.argv[i + 1]!
    : join(process.env.MOODREEL_DATA ?? '../shared/data', 'faces-expressions/taiwan-performers'),
);

/**
 * Logistic regression of `y` on one feature (and a bias) by Newton's method, each reading weighted by `w` (mean 1),
 * with a faint L2 pull toward a = 1, b = 0.
 */
function fitPlatt(x: readonly number[], y: readonly boolean[], w: readonly number[]): ConfidenceCalibration {
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
      const r = w[k]! * (p - (y[k] ? 1 : 0));
      const h = w[k]! * p * (1 - p);
      ga += r * xi;
      gb += r;
      haa += h * xi * xi;
      hab += h * xi;
      hbb += h;
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

type Source = 'photos' | 'fer';

interface Stated {
  source: Source;
  /** What is held out together: a performer, or a tenth of the FER faces. */
  group: string;
  certainty: number;
  top: number;
  right: boolean;
}

const FIGURES = {
  certainty: (s: Stated) => s.certainty,
  top: (s: Stated) => s.top,
} as const;
type Figure = keyof typeof FIGURES;

/** Platt on `figure` over the readings `use` keeps, the two sources weighted equally. */
function fitOn(stated: readonly Stated[], figure: Figure, use: (s: Stated) => boolean): ConfidenceCalibration {
  const train = stated.filter(use);
  const count = { photos: 0, fer: 0 };
  for (const s of train) count[s.source]++;
  const sources = (count.photos > 0 ? 1 : 0) + (count.fer > 0 ? 1 : 0);
  return fitPlatt(
    train.map((s) => logit(FIGURES[figure](s))),
    train.map((s) => s.right),
    train.map((s) => train.length / (sources * count[s.source])),
  );
}

/** Every reading's chance from a fit that did not see its group. */
function heldOutChances(stated: readonly Stated[], figure: Figure, sources: readonly Source[]): number[] {
  const out = new Array<number>(stated.length);
  for (const group of new Set(stated.map((s) => s.group))) {
    const fit = fitOn(stated, figure, (s) => s.group !== group && sources.includes(s.source));
    stated.forEach((s, k) => {
      if (s.group === group) out[k] = chanceRight(FIGURES[figure](s), fit);
    });
  }
  return out;
}

function logLoss(p: readonly number[], y: readonly boolean[]): number {
  return (
    -p.reduce((sum, pk, k) => sum + Math.log(Math.min(1 - 1e-9, Math.max(1e-9, y[k] ? pk : 1 - pk))), 0) / p.length
  );
}

const statedOf =
  (source: Source, group: (i: number) => string, label: (i: number) => string) =>
  (mood: Mood, i: number): Stated[] =>
    mood.kind === 'mood'
      ? [
          {
            source,
            group: group(i),
            certainty: mood.confidence,
            top: mood.probabilities[mood.dominant],
            right: mood.dominant === label(i),
          },
        ]
      : [];

async function main() {
  // Only readings that state a mood: "no face found" states no confidence.
  const tuning = readPhotos(DATA).filter((p) => p.part === 'tuning');
  if (tuning.length === 0) throw new Error(`No tuning photos under ${DATA} (it needs a labels.csv naming persons)`);
  const photos = (await readPhotoMoods(tuning)).readings.flatMap(({ mood }, i) =>
    statedOf(
      'photos',
      (k) => tuning[k]!.person ?? tuning[k]!.path,
      (k) => tuning[k]!.label,
    )(mood, i),
  );
  const train = ferImages(TRAIN);
  const validation = ferValidationIndices(train.length).validation;
  const fer = (await readMoods(validation.map((i) => () => webcamFrame(decodeJpeg(train[i]!.path))))).moods.flatMap(
    statedOf(
      'fer',
      (k) => `fer-${k % FER_GROUPS}`,
      (k) => train[validation[k]!]!.label,
    ),
  );
  const stated = [...photos, ...fer];

  const bySource = (source: Source, p: readonly number[]) => {
    const keep = stated.flatMap((s, k) => (s.source === source ? [k] : []));
    const chances = keep.map((k) => p[k]!);
    const right = keep.map((k) => stated[k]!.right);
    return {
      logLoss: logLoss(chances, right),
      ece: calibrationReport(chances.map((confidence, j) => ({ confidence, correct: right[j]! }))).ece,
    };
  };
  const rows = (['certainty', 'top'] as const).flatMap((figure) =>
    ([['photos'], ['photos', 'fer']] as const).map((sources) => {
      const held = heldOutChances(stated, figure, sources);
      const photo = bySource('photos', held);
      const frame = bySource('fer', held);
      return { figure, sources, photo, frame, mean: (photo.logLoss + frame.logLoss) / 2 };
    }),
  );
  const shipped = rows.find((r) => r.figure === 'top' && r.sources.length === 2)!;
  const fitted = fitOn(stated, 'top', () => true);
  console.log(
    `Tuning data: ${photos.length} photos with a mood (of ${tuning.length}), ${fer.length} FER validation faces ` +
      `found on webcam-like frames (of ${validation.length}). Shipped: Platt on the top probability, both sources: ` +
      `a = ${round(fitted.a, 4)}, b = ${round(fitted.b, 4)}.`,
  );
  console.log(
    markdownTable(
      [
        'figure',
        'fitted on',
        'photos: log-loss',
        'photos: ECE',
        'FER frames: log-loss',
        'FER frames: ECE',
        'mean log-loss',
      ],
      rows.map((r) => {
        const mark = (v: string | number) => (r === shipped ? `**${v}**` : v);
        return [
          mark(r.figure === 'top' ? "the leading emotion's probability" : 'certainty'),
          mark(r.sources.length === 2 ? 'photos + FER frames' : 'photos'),
          ...[r.photo.logLoss, r.photo.ece, r.frame.logLoss, r.frame.ece, r.mean].map((v) => mark(round(v, 4))),
        ];
      }),
    ),
  );
  writeFileSync(
    OUT,
    `${JSON.stringify({
      a: round(fitted.a, 6),
      b: round(fitted.b, 6),
      fittedOn: `top probability; tuning part of ${DATA.split('/').pop()} (${photos.length} photos) and FER2013 Train validation frames (${fer.length}), weighted equally`,
    })}\n`,
  );
  console.log(
    JSON.stringify({
      fit: 'confidence',
      photos: photos.length,
      ferFaces: fer.length,
      a: round(fitted.a, 6),
      b: round(fitted.b, 6),
      heldOut: Object.fromEntries(
        rows.map((r) => [
          `${r.figure}:${r.sources.join('+')}`,
          { photosLogLoss: round(r.photo.logLoss, 4), ferLogLoss: round(r.frame.logLoss, 4) },
        ]),
      ),
      best: rows.reduce((a, b) => (b.mean < a.mean ? b : a)) === shipped,
    }),
  );
}

await main();
