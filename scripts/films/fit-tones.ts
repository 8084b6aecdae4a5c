/**
 * `npm run films:fit-tones`: fits the calibrated tone model (models/catalogue/tone-model.ts) on the tuning half of the
 * labelled titles only, one L2-regularised logistic regression per tone (Newton steps), the L2 strength chosen by
 * 5-fold cross-validation inside the tuning half. Reads the inputs the last `npm run catalogue:build` wrote to .cache/,
 * writes models/weights/tone-model.json; run `npm run catalogue:build` again to apply it. Deterministic.
 * `-- --features own|all --lambda N` fits given settings instead of the cross-validated choice.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  TONE_FEATURES,
  predictTones,
  toneFeatures,
  type ToneInputs,
  type ToneModel,
} from '../../models/catalogue/tone-model';
import { SHIPPED_READER } from '../../models/catalogue/shipped-tones';
import { TONES, type Tone } from '../../models/catalogue/tones';
import { sigmoid } from '../../models/probability';
import { TONE_INPUTS } from '../catalogue/build';
import { fitLogistic, logLoss } from '../lib/logistic';
import { mean } from '../lib/metrics';
import { option } from '../lib/options';
import { markdownTable, round } from '../lib/stats';
import { partOf, readToneLabels } from '../lib/tone-tags';

const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
const OUT = resolve('models/weights/tone-model.json');
const LAMBDAS = [0.3, 1, 3, 10, 30];
/** Out-of-fold tones of the tuning titles (see below). */
export const TONE_OOF = resolve('.cache/tone-oof.json');

const FOLDS = 5;
/** A reason may name a tone where it is right this often… */
const REASON_PRECISION = 0.9;
/** …on at least this many tuning titles; probabilities tried, lowest first. */
const REASON_SUPPORT = 5;
const REASON_STEPS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];

/** Weights minimising log-loss + λ/2·|w|² (the bias, first, all but unpenalised), rounded as they ship. */
export function fitTone(x: readonly Float64Array[], y: readonly number[], lambda: number): number[] {
  const penalty = Array.from({ length: x[0]!.length }, (_, i) => (i === 0 ? 1e-6 : lambda));
  return Array.from(fitLogistic(x, y, { penalty }), (v) => Math.round(v * 1e4) / 1e4);
}

/** Feature sets tried: a tone's own evidence only, or every tone's evidence (cross-tone). */
const FEATURE_SETS: Record<string, (tone: Tone) => number[]> = {
  own: (tone) =>
    TONE_FEATURES.flatMap((name, i) => (name === 'bias' || name === 'unrated' || name.endsWith(`:${tone}`) ? [i] : [])),
  all: () => TONE_FEATURES.map((_, i) => i),
};

/** `fitTone` on the columns `keep`; the other weights are zero. */
function fitColumns(x: readonly Float64Array[], y: readonly number[], lambda: number, keep: number[]): number[] {
  const w = fitTone(
    x.map((xi) => Float64Array.from(keep, (i) => xi[i]!)),
    y,
    lambda,
  );
  const full = new Array<number>(TONE_FEATURES.length).fill(0);
  keep.forEach((i, j) => (full[i] = w[j]!));
  return full;
}

function main() {
  if (!existsSync(TONE_INPUTS)) throw new Error(`${TONE_INPUTS} is missing: run npm run catalogue:build first`);
  const inputs = JSON.parse(gunzipSync(readFileSync(TONE_INPUTS)).toString('utf8')) as (ToneInputs & {
    movieId: number;
  })[];
  const byId = new Map(inputs.map((i) => [i.movieId, i]));
  const labels = readToneLabels(DATA, byId);
  const tuning = [...labels.keys()].filter((id) => partOf(id) === 'tuning').sort((a, b) => a - b);
  const x = tuning.map((id) => toneFeatures(byId.get(id)!, SHIPPED_READER));
  const y = (t: Tone) => tuning.map((id) => (labels.get(id)!.has(t) ? 1 : 0));
  const fold = tuning.map((_, i) => i % FOLDS);

  const cv = Object.entries(FEATURE_SETS).flatMap(([set, columns]) =>
    LAMBDAS.map((lambda) => {
      const losses = TONES.map((t) => {
        const yt = y(t);
        return mean(
          Array.from({ length: FOLDS }, (_, f) => {
            const train = tuning.flatMap((_, i) => (fold[i] !== f ? [i] : []));
            const test = tuning.flatMap((_, i) => (fold[i] === f ? [i] : []));
            const w = fitColumns(
              train.map((i) => x[i]!),
              train.map((i) => yt[i]!),
              lambda,
              columns(t),
            );
            const p = test.map((i) => sigmoid(x[i]!.reduce((sum, v, k) => sum + v * w[k]!, 0)));
            return logLoss(
              p,
              test.map((i) => yt[i]!),
              1e-6,
            );
          }),
        );
      });
      return { set, lambda, loss: mean(losses) };
    }),
  );
  const forced = { set: option('features'), lambda: option('lambda') };
  const best =
    forced.set && forced.lambda
      ? { set: forced.set, lambda: Number(forced.lambda), loss: NaN }
      : cv.reduce((a, b) => (b.loss < a.loss ? b : a));
  // Out-of-fold tones of the tuning titles under the chosen settings: what `films:eval-picks -- tuning` ranks with, so
  // choices made on the tuning half never see a title's tones fitted on its own tags.
  const oof: Record<number, Record<Tone, number>> = {};
  for (let f = 0; f < FOLDS; f++) {
    const train = tuning.flatMap((_, i) => (fold[i] !== f ? [i] : []));
    const weights = Object.fromEntries(
      TONES.map((t) => [
        t,
        fitColumns(
          train.map((i) => x[i]!),
          train.map((i) => y(t)[i]!),
          best.lambda,
          FEATURE_SETS[best.set]!(t),
        ),
      ]),
    ) as Record<Tone, number[]>;
    tuning.forEach((id, i) => {
      if (fold[i] === f)
        oof[id] = predictTones({ features: [...TONE_FEATURES], weights, reasonAt: {} as Record<Tone, null> }, x[i]!);
    });
  }
  mkdirSync(dirname(TONE_OOF), { recursive: true });
  writeFileSync(TONE_OOF, JSON.stringify(oof));
  // Per tone, the least probability at which the tone is true of at least REASON_PRECISION of the tuning titles
  // (out of fold, at least REASON_SUPPORT of them): only then may a reason name it.
  const reasonAt = Object.fromEntries(
    TONES.map((t) => {
      const at = REASON_STEPS.find((p) => {
        const above = tuning.filter((id) => oof[id]![t] >= p);
        const right = above.filter((id) => labels.get(id)!.has(t)).length;
        return above.length >= REASON_SUPPORT && right >= REASON_PRECISION * above.length;
      });
      return [t, at ?? null];
    }),
  ) as Record<Tone, number | null>;
  console.log(`Tone model: ${tuning.length} tuning titles, ${TONE_FEATURES.length} features per tone.`);
  console.log(
    markdownTable(
      ['features', 'L2 λ', 'cross-validated log-loss (mean of tones)'],
      cv.map((c) => {
        const mark = (v: string | number) => (c === best ? `**${v}**` : v);
        return [mark(c.set), mark(c.lambda), mark(round(c.loss, 4))];
      }),
    ),
  );
  const model: ToneModel = {
    features: [...TONE_FEATURES],
    reasonAt,
    weights: Object.fromEntries(
      TONES.map((t) => [t, fitColumns(x, y(t), best.lambda, FEATURE_SETS[best.set]!(t))]),
    ) as Record<Tone, number[]>,
  };
  writeFileSync(OUT, `${JSON.stringify(model)}\n`);
  console.log(
    `Tones a reason may name (probability ≥): ${
      TONES.filter((t) => reasonAt[t] !== null)
        .map((t) => `${t} ${reasonAt[t]}`)
        .join(', ') || 'none'
    }`,
  );
  console.log(
    JSON.stringify({
      fit: 'tones',
      titles: tuning.length,
      features: best.set,
      lambda: best.lambda,
      cvLogLoss: round(best.loss, 4),
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
