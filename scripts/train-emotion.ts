/**
 * `npm run train:emotion`: trains Moodreel's expression head (models/face/expression-head.ts) on FaceExpressionNet's
 * 256-d features of FER2013 Train (each crop and its mirror image), with a seeded 10 % validation split of Train for
 * early stopping, and the class calibration of face-api's own head (models/face/calibration.ts) on the same split.
 * The head starts from face-api's own head; class-weighted cross-entropy (inverse square-root frequency, so
 * rare fear and disgust are not drowned out by happy) with L2 toward that start. Deterministic. Writes
 * models/face/expression-head.json and models/face/expression-calibration.json. PublicTest is never read here.
 * Features are cached in .cache/ (the slow part: about 8 minutes on 2 cores).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMOTIONS } from '../models/mood/emotions';
import { rng } from '../models/learning/linalg';
import { headLogits, softmax, type ExpressionHead } from '../models/face/expression-head';
import { CALIBRATION_FILE, cropFeatures, FEATURES, HEAD_FILE, shippedHead, startWasm } from './lib/expression-features';
import { round } from './lib/stats';
import { ferImages } from './lib/fer';

const TRAIN = resolve(process.env.MOODREEL_DATA ?? '../shared/data', 'fer2013/Train');
const K = EMOTIONS.length;
const EPOCHS = 40;
const BATCH = 256;
const LR = 0.002;
const L2 = 1e-4;
const CALIBRATION_STEPS = 200;
const CALIBRATION_RATE = 0.5;

interface Sample {
  label: number;
  views: Float32Array[];
}

async function extract(): Promise<Sample[]> {
  const cache = resolve('.cache/fer-train-features.bin');
  const files = ferImages(TRAIN).map((f) => ({ label: EMOTIONS.indexOf(f.label), path: f.path }));
  const floatsPer = 2 * FEATURES;
  if (existsSync(cache)) {
    const buf = new Float32Array(readFileSync(cache).buffer.slice(0));
    if (buf.length === files.length * floatsPer) {
      return files.map((f, i) => ({
        label: f.label,
        views: [
          buf.slice(i * floatsPer, i * floatsPer + FEATURES),
          buf.slice(i * floatsPer + FEATURES, (i + 1) * floatsPer),
        ],
      }));
    }
  }
  const out = new Float32Array(files.length * floatsPer);
  for (let i = 0; i < files.length; i++) {
    const [a, b] = await cropFeatures(files[i]!.path, true);
    out.set(a!, i * floatsPer);
    out.set(b!, i * floatsPer + FEATURES);
    if (i % 2000 === 0) console.error(`features ${i}/${files.length}`);
  }
  mkdirSync(resolve('.cache'), { recursive: true });
  writeFileSync(cache, Buffer.from(out.buffer));
  return files.map((f, i) => ({
    label: f.label,
    views: [
      out.slice(i * floatsPer, i * floatsPer + FEATURES),
      out.slice(i * floatsPer + FEATURES, (i + 1) * floatsPer),
    ],
  }));
}

/**
 * The class calibration (models/face/calibration.ts): β added to face-api's own logits, fitted by full-batch
 * gradient descent on the mean negative log-likelihood of the training split (both views). Deterministic.
 */
function fitCalibration(shipped: ExpressionHead, samples: readonly Sample[]): number[] {
  const logits = samples.flatMap((s) => s.views.map((x) => ({ l: headLogits(shipped, x), y: s.label })));
  const beta = EMOTIONS.map(() => 0);
  for (let it = 0; it < CALIBRATION_STEPS; it++) {
    const grad = EMOTIONS.map(() => 0);
    for (const { l, y } of logits) {
      const p = softmax(l.map((x, c) => x + beta[c]!));
      for (let c = 0; c < K; c++) grad[c]! += p[c]! - (c === y ? 1 : 0);
    }
    for (let c = 0; c < K; c++) beta[c]! -= (CALIBRATION_RATE * grad[c]!) / logits.length;
  }
  return beta;
}

function accuracy(head: ExpressionHead, samples: readonly Sample[]): number {
  let ok = 0;
  for (const s of samples) {
    const p = EMOTIONS.map(() => 0);
    for (const v of s.views) softmax(headLogits(head, v)).forEach((x, c) => (p[c]! += x));
    if (p.indexOf(Math.max(...p)) === s.label) ok++;
  }
  return ok / samples.length;
}

async function main() {
  await startWasm();
  const samples = await extract();
  const random = rng(11);
  const order = samples.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nVal = Math.round(samples.length / 10);
  const val = order.slice(0, nVal).map((i) => samples[i]!);
  const train = order.slice(nVal).map((i) => samples[i]!);
  const counts = EMOTIONS.map((_, c) => train.filter((s) => s.label === c).length);
  const classWeight = counts.map((n) => Math.sqrt(Math.max(...counts) / n));

  const start = await shippedHead();
  const head: ExpressionHead = { version: 1, weights: Array.from(start.weights), bias: Array.from(start.bias) };
  const shipped = { ...head, weights: [...head.weights], bias: [...head.bias] };
  console.error(`face-api's head on our validation split: ${round(accuracy(shipped, val) * 100, 2)} %`);
  // Adam state.
  const W = head.weights.length;
  const m = new Float64Array(W + K);
  const v = new Float64Array(W + K);
  let step = 0;
  let best = { acc: accuracy(head, val), weights: [...head.weights], bias: [...head.bias], epoch: 0 };
  // Each crop contributes both views (the mirror is augmentation).
  const items = train.flatMap((s) => s.views.map((x) => ({ x, y: s.label })));
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    for (let b = 0; b < items.length; b += BATCH) {
      const grad = new Float64Array(W + K);
      const batch = items.slice(b, b + BATCH);
      for (const { x, y } of batch) {
        const p = softmax(headLogits(head, x));
        const w = classWeight[y]!;
        for (let c = 0; c < K; c++) {
          const g = w * (p[c]! - (c === y ? 1 : 0));
          grad[W + c]! += g;
          for (let f = 0; f < FEATURES; f++) grad[f * K + c]! += g * x[f]!;
        }
      }
      step++;
      for (let i = 0; i < W + K; i++) {
        const param = i < W ? head.weights[i]! : head.bias[i - W]!;
        const anchor = i < W ? shipped.weights[i]! : shipped.bias[i - W]!;
        const g = grad[i]! / batch.length + L2 * (param - anchor);
        m[i] = 0.9 * m[i]! + 0.1 * g;
        v[i] = 0.999 * v[i]! + 0.001 * g * g;
        const update = (LR * (m[i]! / (1 - 0.9 ** step))) / (Math.sqrt(v[i]! / (1 - 0.999 ** step)) + 1e-8);
        if (i < W) head.weights[i] = param - update;
        else head.bias[i - W] = param - update;
      }
    }
    const acc = accuracy(head, val);
    console.error(`epoch ${epoch}: validation ${round(acc * 100, 2)} %`);
    if (acc > best.acc) best = { acc, weights: [...head.weights], bias: [...head.bias], epoch };
  }
  const out: ExpressionHead & Record<string, unknown> = {
    version: 1,
    trainedOn: 'FER2013 Train (28,709 crops and their mirror images), 10 % held out for validation',
    validationAccuracy: round(best.acc, 4),
    epoch: best.epoch,
    hyperParameters: {
      epochs: EPOCHS,
      batch: BATCH,
      learningRate: LR,
      l2TowardFaceApiHead: L2,
      classWeight: 'sqrt(max/n)',
      seed: 11,
    },
    weights: best.weights.map((w) => Number(w.toPrecision(6))),
    bias: best.bias.map((w) => Number(w.toPrecision(6))),
  };
  writeFileSync(HEAD_FILE, `${JSON.stringify(out)}\n`);
  const beta = fitCalibration(shipped, train);
  const withBias = (b: number[]) => ({ ...shipped, bias: shipped.bias.map((x, c) => x + b[c]!) });
  const calibration = {
    version: 1,
    fittedOn: 'FER2013 Train minus the 10 % validation split, both views; face-api logits + β',
    validationAccuracy: round(accuracy(withBias(beta), val), 4),
    bias: Object.fromEntries(EMOTIONS.map((e, c) => [e, Number(beta[c]!.toPrecision(6))])),
  };
  writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration)}\n`);
  console.log(
    JSON.stringify({
      train: 'emotion',
      validationAccuracy: out.validationAccuracy,
      epoch: best.epoch,
      shippedHeadValidationAccuracy: round(accuracy(shipped, val), 4),
      calibratedValidationAccuracy: calibration.validationAccuracy,
    }),
  );
}

await main();
