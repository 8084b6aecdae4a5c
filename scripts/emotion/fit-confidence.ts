/**
 * `npm run emotion:fit-confidence [-- --data <folder>]`: fits the calibration of the "how sure" figure the popup
 * states (models/mood/chance.ts) on tuning data of both kinds of face the extension reads, as the class balance is
 * (emotion:fit-balance): the tuning people of the real-size labelled photos whom the CNN was not fine-tuned on (split
 * by person, see scripts/lib/photos.ts; the reporting part is never read here) and FER2013 Train's validation split
 * on webcam-like frames (PublicTest is never read). Each reading with a mood gives (figures of the reading, right or
 * wrong); a logistic regression on the figures, the two sources weighted equally, turns them into the chance of being
 * right (Platt scaling when the figure is one probability's logit).
 *
 * The table compares, held out one group at a time (a performer; a tenth of the FER faces), which figures (the
 * mood's margin-aware certainty, which carries the detection score and was stated until 2026-12-01; the leading
 * emotion's probability; that and the faces' detail, models/face/detail.ts) fitted on which data (the photos alone,
 * or both sources). chance.ts reads the leading probability and the detail fitted on both: no other combination
 * lowers the mean log-loss over the two sources by `MARGIN` (a fit apart for sharp faces, at the class balance's split
 * by detail, the leading probability's ratio to the runner-up's as one more input, and an isotonic map after the
 * fit were tried and not kept:
 * docs/emotion.md); the detail is clamped to the range the tuning faces span. Writes
 * models/weights/confidence-calibration.json; prints the comparison, then one JSON line. Deterministic; about a quarter
 * of an hour on 2 cores (the FER frames).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXPRESSION_CNN } from '../../models/face/expression-cnn';
import { ranked } from '../../models/mood/emotions';
import type { ConfidenceCalibration } from '../../models/mood/chance';
import type { Face } from '../../models/mood/faces';
import { moodDetail, moodFromFaces } from '../../models/mood/mood';
import { logit, sigmoid } from '../../models/probability';
import { calibrationReport, eceFloor } from '../lib/classification';
import { fitIsotonic } from '../lib/isotonic';
import { fitLogistic, logLoss } from '../lib/logistic';
import { ferHeldOutGroup, ferImages, ferValidationIndices } from '../lib/fer';
import { decodeJpeg, webcamFrame } from '../lib/image';
import { FIT_READING, photoImage, readEveryFace, readPhotos } from '../lib/photos';
import { option } from '../lib/options';
import { markdownTable, round } from '../lib/stats';

const OUT = resolve('models/weights/confidence-calibration.json');
/** How much lower another combination's mean held-out log-loss must be to replace the shipped one. */
const MARGIN = 0.002;
const SHARP_FROM = EXPRESSION_CNN.blend.sharp?.from ?? Infinity;
/** 1 for a face at or above the class balance's split by detail, else 0. */
const sharp = (s: { detail: number }) => (s.detail >= SHARP_FROM ? 1 : 0);
const TRAIN = resolve(process.env.MOODREEL_DATA ?? '../shared/data', 'fer2013/Train');
const DATA = resolve(
  option('data') ?? join(process.env.MOODREEL_DATA ?? '../shared/data', 'faces-expressions/taiwan-performers'),
);

/**
 * Logistic regression of `y` on the rows of `x` (and a bias, last), each reading weighted by `w` (mean 1), with a
 * faint L2 pull toward weight 1 on the first figure and 0 on the others.
 */
function fitChance(x: readonly number[][], y: readonly boolean[], w: readonly number[]): number[] {
  const d = x[0]!.length + 1;
  return Array.from(
    fitLogistic(
      x.map((row) => [...row, 1]),
      y.map((right) => (right ? 1 : 0)),
      {
        penalty: Array.from({ length: d }, (_, j) => (j < d - 1 ? 1e-3 : 0)),
        prior: Array.from({ length: d }, (_, j) => (j === 0 ? 1 : 0)),
        rowWeights: w,
      },
    ),
  );
}

type Source = 'photos' | 'fer';

interface Stated {
  source: Source;
  /** What is held out together: a performer, or a tenth of the FER faces. */
  group: string;
  certainty: number;
  top: number;
  /** The runner-up emotion's probability. */
  second: number;
  detail: number;
  right: boolean;
}

const FIGURES = {
  certainty: { name: 'certainty', of: (s: Stated) => [logit(s.certainty)] },
  top: { name: "the leading emotion's probability", of: (s: Stated) => [logit(s.top)] },
  topDetail: {
    name: "the leading emotion's probability + the faces' detail",
    of: (s: Stated) => [logit(s.top), s.detail],
  },
  topMarginDetail: {
    name: "the leading emotion's probability, its ratio to the runner-up's + the faces' detail",
    of: (s: Stated) => [logit(s.top), Math.log(s.top / s.second), s.detail],
  },
  topSharp: {
    name: "the leading emotion's probability, apart for sharp faces",
    of: (s: Stated) => [logit(s.top), sharp(s) * logit(s.top), sharp(s)],
  },
  topDetailSharp: {
    name: "the leading emotion's probability + the faces' detail, apart for sharp faces",
    of: (s: Stated) => [logit(s.top), s.detail, sharp(s) * logit(s.top), sharp(s)],
  },
} as const;
type Figure = keyof typeof FIGURES;

/** Each reading's weight (mean 1) so that the sources among `train` count equally. */
function sourceWeights(train: readonly Stated[]): number[] {
  const count = { photos: 0, fer: 0 };
  for (const s of train) count[s.source]++;
  const sources = (count.photos > 0 ? 1 : 0) + (count.fer > 0 ? 1 : 0);
  return train.map((s) => train.length / (sources * count[s.source]));
}

/** The logistic fit on `figure` over the readings `use` keeps, the two sources weighted equally. */
function fitOn(stated: readonly Stated[], figure: Figure, use: (s: Stated) => boolean): number[] {
  const train = stated.filter(use);
  return fitChance(
    train.map(FIGURES[figure].of),
    train.map((s) => s.right),
    sourceWeights(train),
  );
}

function predict(beta: readonly number[], figures: readonly number[]): number {
  return sigmoid([...figures, 1].reduce((sum, v, j) => sum + v * beta[j]!, 0));
}

/** Every reading's chance from `fit` given only the readings outside its group. */
function heldOut(stated: readonly Stated[], fit: (rest: readonly Stated[]) => (s: Stated) => number): number[] {
  const out = new Array<number>(stated.length);
  for (const group of new Set(stated.map((s) => s.group))) {
    const chanceOf = fit(stated.filter((s) => s.group !== group));
    stated.forEach((s, k) => {
      if (s.group === group) out[k] = chanceOf(s);
    });
  }
  return out;
}

/** The logistic fit on `figure` over `sources`, held out one group at a time. */
function heldOutChances(stated: readonly Stated[], figure: Figure, sources: readonly Source[]): number[] {
  return heldOut(stated, (rest) => {
    const beta = fitOn(rest, figure, (s) => sources.includes(s.source));
    return (s) => predict(beta, FIGURES[figure].of(s));
  });
}

/** How far the isotonic map's chances stay from 0 and 1 (a step at 0 or 1 would be sure of a mistake). */
const ISOTONIC_CLIP = 0.01;

/**
 * The shipped fit followed by an isotonic map of its chance (fitted on the same readings' chances, the sources weighted
 * equally), held out one group at a time.
 */
function heldOutIsotonic(stated: readonly Stated[]): number[] {
  return heldOut(stated, (rest) => {
    const beta = fitOn(rest, 'topDetail', () => true);
    const platt = (s: Stated) => predict(beta, FIGURES.topDetail.of(s));
    const map = fitIsotonic(
      rest.map(platt),
      rest.map((s) => (s.right ? 1 : 0)),
      sourceWeights(rest),
    );
    return (s) => Math.min(1 - ISOTONIC_CLIP, Math.max(ISOTONIC_CLIP, map(platt(s))));
  });
}

/** The readings that state a mood ("no face found" states no confidence). */
function statedOf(
  source: Source,
  faces: readonly Face[][],
  group: (i: number) => string,
  label: (i: number) => string,
) {
  return faces.flatMap((found, i): Stated[] => {
    const mood = moodFromFaces(found);
    if (mood.kind !== 'mood') return [];
    const top = mood.probabilities[mood.dominant];
    const second = mood.probabilities[ranked(mood.probabilities)[1]!];
    const right = mood.dominant === label(i);
    return [{ source, group: group(i), certainty: mood.confidence, top, second, detail: moodDetail(found), right }];
  });
}

async function main() {
  const tuning = readPhotos(DATA).filter((p) => p.part === 'tuning' && !p.fineTune);
  if (tuning.length === 0)
    throw new Error(`No tuning photos under ${DATA}: none of them is one of scripts/lib/tuned-photos.json's`);
  const images = tuning.map((p) => () => photoImage(p.path));
  const photos = statedOf(
    'photos',
    (await readEveryFace(images, FIT_READING)).faces,
    (k) => tuning[k]!.person ?? tuning[k]!.path,
    (k) => tuning[k]!.label,
  );
  const train = ferImages(TRAIN);
  const validation = ferValidationIndices(train.length).validation;
  const frames = validation.map((i) => () => webcamFrame(decodeJpeg(train[i]!.path)));
  const fer = statedOf(
    'fer',
    (await readEveryFace(frames, FIT_READING)).faces,
    ferHeldOutGroup,
    (k) => train[validation[k]!]!.label,
  );
  const stated = [...photos, ...fer];

  const bySource = (source: Source, p: readonly number[]) => {
    const keep = stated.flatMap((s, k) => (s.source === source ? [k] : []));
    const chances = keep.map((k) => p[k]!);
    const right = keep.map((k) => stated[k]!.right);
    return {
      logLoss: logLoss(
        chances,
        right.map((r) => (r ? 1 : 0)),
      ),
      ece: calibrationReport(chances.map((confidence, j) => ({ confidence, correct: right[j]! }))).ece,
      // What a perfectly calibrated chance would read on the same readings: an ECE near it is sampling noise.
      eceFloor: eceFloor(chances).mean,
    };
  };
  const compared: [Figure, Source[]][] = [
    ['certainty', ['photos']],
    ['certainty', ['photos', 'fer']],
    ['top', ['photos']],
    ['top', ['photos', 'fer']],
    ['topDetail', ['photos']],
    ['topDetail', ['photos', 'fer']],
    ['topSharp', ['photos', 'fer']],
    ['topDetailSharp', ['photos', 'fer']],
    ['topMarginDetail', ['photos', 'fer']],
  ];
  const row = (name: string, fittedOn: string, key: string, held: number[]) => {
    const photo = bySource('photos', held);
    const frame = bySource('fer', held);
    return { name, fittedOn, key, photo, frame, mean: (photo.logLoss + frame.logLoss) / 2 };
  };
  const rows = [
    ...compared.map(([figure, sources]) =>
      row(
        FIGURES[figure].name,
        sources.length === 2 ? 'photos + FER frames' : 'photos',
        `${figure}:${sources.join('+')}`,
        heldOutChances(stated, figure, sources),
      ),
    ),
    row(
      `${FIGURES.topDetail.name}, then an isotonic map`,
      'photos + FER frames',
      'topDetailIsotonic:photos+fer',
      heldOutIsotonic(stated),
    ),
  ];
  const shipped = rows.find((r) => r.key === 'topDetail:photos+fer')!;
  const [a, weight, b] = fitOn(stated, 'topDetail', () => true) as [number, number, number];
  const details = stated.map((s) => s.detail);
  const fitted: ConfidenceCalibration = {
    a: round(a, 6),
    b: round(b, 6),
    detail: { weight: round(weight, 6), from: round(Math.min(...details), 4), to: round(Math.max(...details), 4) },
  };
  console.log(
    `Tuning data: ${photos.length} photos with a mood (of ${tuning.length}), ${fer.length} FER validation faces ` +
      `found on webcam-like frames (of ${validation.length}). Shipped: the leading probability and the faces' detail, ` +
      `both sources: a = ${fitted.a}, detail weight = ${fitted.detail.weight} (detail clamped to ` +
      `${fitted.detail.from}–${fitted.detail.to}), b = ${fitted.b}.`,
  );
  console.log(
    markdownTable(
      [
        'figures',
        'fitted on',
        'photos: log-loss',
        'photos: ECE (floor)',
        'FER frames: log-loss',
        'FER frames: ECE (floor)',
        'mean log-loss',
      ],
      rows.map((r) => {
        const mark = (v: string | number) => (r === shipped ? `**${v}**` : v);
        return [
          mark(r.name),
          mark(r.fittedOn),
          ...[
            round(r.photo.logLoss, 4),
            `${round(r.photo.ece, 4)} (${round(r.photo.eceFloor, 3)})`,
            round(r.frame.logLoss, 4),
            `${round(r.frame.ece, 4)} (${round(r.frame.eceFloor, 3)})`,
            round(r.mean, 4),
          ].map(mark),
        ];
      }),
    ),
  );
  writeFileSync(
    OUT,
    `${JSON.stringify({
      ...fitted,
      fittedOn: `top probability and detail; tuning part of ${DATA.split('/').pop()} (${photos.length} photos) and FER2013 Train validation frames (${fer.length}), weighted equally`,
    })}\n`,
  );
  console.log(
    JSON.stringify({
      fit: 'confidence',
      photos: photos.length,
      ferFaces: fer.length,
      ...fitted,
      heldOut: Object.fromEntries(
        rows.map((r) => [
          r.key,
          {
            photosLogLoss: round(r.photo.logLoss, 4),
            photosEce: round(r.photo.ece, 4),
            photosEceFloor: round(r.photo.eceFloor, 4),
            ferLogLoss: round(r.frame.logLoss, 4),
            ferEce: round(r.frame.ece, 4),
            ferEceFloor: round(r.frame.eceFloor, 4),
          },
        ]),
      ),
      shippedHolds: rows.every((r) => r.mean > shipped.mean - MARGIN),
    }),
  );
}

await main();
