/**
 * `npm run emotion:train`: trains everything the analyzer reads on top of face-api, on FER2013 Train with a seeded
 * 10 % validation split of Train (PublicTest is never read here):
 * 1. Moodreel's expression head (models/face/expression-head.ts) on FaceExpressionNet's 256-d features, and the class
 *    calibration of face-api's own head (models/face/calibration.ts).
 * 2. Moodreel's expression CNN (models/face/expression-cnn.ts) on the 48-px faces, by scripts/emotion/train-cnn.py
 *    with Debian's PyTorch (`apt-get install -y python3-torch`; about 45 minutes per member on 2 cores): an ensemble,
 *    the same recipe from each of CNN_SEEDS, each member then fine-tuned on real-size faces of half the tuning people
 *    (scripts/lib/photos.ts; never the reporting part) and interpolated back toward its FER weights (`--real-faces`).
 * 3. How the ensemble's reading is blended with face-api's calibrated head, on the validation split.
 * Each Train face gives four views: the 48-px crop, the face cut as the extension's detector cuts it (a box drawn
 * from the boxes TinyFaceDetector finds on webcam-like frames of Train faces, which sit lower and tighter than FER's
 * crops, on the face scaled to 240 px on grey), and the mirror image of both. A head that saw only FER's crops did
 * worse than face-api's on the detector's crops; early stopping therefore scores the detector-cut view alone, which
 * is what the extension reads. The head starts from face-api's own head; class-weighted cross-entropy (inverse
 * square-root frequency, so rare fear and disgust are not drowned out by happy) with L2 toward that start.
 * Deterministic on one machine. Writes scripts/lib/expression-head.json, models/weights/expression-calibration.json
 * and each member's expression-cnn*.{bin,json} (the first's manifest carries the blend and lists the members).
 * Boxes, features and pixels are cached in .cache/ (the features take about 20 minutes on 2 cores). `--cnn-data`
 * writes only what train-cnn.py reads (boxes and pixels, a few minutes) and stops, e.g. for a short run:
 * `CNN_EPOCHS=2 CNN_SEED=8 /usr/bin/python3 scripts/emotion/train-cnn.py`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMOTIONS, type Emotion } from '../../models/mood/emotions';
import { rng } from '../../models/learning/linalg';
import { blendLogits, ensembleLogits, type ExpressionCnnManifest } from '../../models/face/expression-cnn';
import { headLogits, type ExpressionHead } from '../../models/face/expression-head';
import { softmax } from '../../models/probability';
import {
  boxFeatures,
  CALIBRATION_FILE,
  cropFeatures,
  detectorBoxes,
  FEATURES,
  greyFaceCrops,
  HEAD_FILE,
  shippedHead,
  startWasm,
  type RelativeBox,
} from '../lib/expression-features';
import { round } from '../lib/stats';
import { classificationReport } from '../lib/classification';
import { ferImages, ferValidationIndices } from '../lib/fer';
import { decodeJpeg, resize } from '../lib/image';
import { photoImage, readPhotos } from '../lib/photos';

const TRAIN = resolve(process.env.MOODREEL_DATA ?? '../shared/data', 'fer2013/Train');
const PHOTOS = resolve(process.env.MOODREEL_DATA ?? '../shared/data', 'faces-expressions/taiwan-performers');
const K = EMOTIONS.length;
/** The side of the faces Moodreel's CNN reads. */
const CNN_SIDE = 48;
const CNN_FILE = resolve('models/weights/expression-cnn.json');
/** The issue's floor: these emotions each recalled at least this often (on the validation split), with margin. */
const RECALL_FLOOR_EMOTIONS = ['sad', 'angry', 'fearful'] as const;
const RECALL_FLOOR = 0.52;
const BIAS_STEP = 0.05;
const EPOCHS = 30;
const BATCH = 256;
const LR = 0.0005;
/** Every BOX_SAMPLE-th Train face is put on a webcam-like frame to see where the detector puts its box. */
const BOX_SAMPLE = 13;
/** Views per face: crop, mirrored crop, detector-cut, mirrored detector-cut. */
const CROP = 0;
const BOX = 2;
const L2 = 1e-4;
const CALIBRATION_STEPS = 200;
const CALIBRATION_RATE = 0.5;

interface Sample {
  label: number;
  views: Float32Array[];
}

/** A float cache of `floatsPer` numbers per Train face, filled by `compute` when missing or stale. */
async function cached(
  name: string,
  count: number,
  floatsPer: number,
  compute: (i: number) => Promise<Float32Array[]>,
): Promise<Float32Array> {
  const file = resolve('.cache', name);
  if (existsSync(file)) {
    const buf = new Float32Array(readFileSync(file).buffer.slice(0));
    if (buf.length === count * floatsPer) return buf;
  }
  const out = new Float32Array(count * floatsPer);
  for (let i = 0; i < count; i++) {
    let at = i * floatsPer;
    for (const part of await compute(i)) {
      out.set(part, at);
      at += part.length;
    }
    if (i % 2000 === 0) console.error(`${name} ${i}/${count}`);
  }
  mkdirSync(resolve('.cache'), { recursive: true });
  writeFileSync(file, Buffer.from(out.buffer));
  return out;
}

/** FER2013 Train's faces, labels as indices into EMOTIONS. */
function trainFiles(): { label: number; path: string }[] {
  return ferImages(TRAIN).map((f) => ({ label: EMOTIONS.indexOf(f.label), path: f.path }));
}

/**
 * Where the detector puts its box on webcam-like frames of Train faces (cached), and the box drawn for each Train face
 * (seeded): what the detector-cut views are cut at, in the head's features and the CNN's training alike.
 */
async function detectorCuts(
  files: readonly { path: string }[],
): Promise<{ boxes: RelativeBox[]; drawn: RelativeBox[] }> {
  const boxFile = resolve('.cache/fer-train-boxes.json');
  let boxes: RelativeBox[];
  if (existsSync(boxFile)) boxes = JSON.parse(readFileSync(boxFile, 'utf8')) as RelativeBox[];
  else {
    boxes = await detectorBoxes(files.filter((_, i) => i % BOX_SAMPLE === 5).map((f) => f.path));
    mkdirSync(resolve('.cache'), { recursive: true });
    writeFileSync(boxFile, JSON.stringify(boxes));
  }
  console.error(`${boxes.length} detector boxes`);
  const pick = rng(23);
  return { boxes, drawn: files.map(() => boxes[Math.floor(pick() * boxes.length)]!) };
}

async function extract(
  files: readonly { label: number; path: string }[],
  drawn: readonly RelativeBox[],
): Promise<Sample[]> {
  const crops = await cached('fer-train-features.bin', files.length, 2 * FEATURES, (i) =>
    cropFeatures(files[i]!.path, true),
  );
  const cut = await cached('fer-train-box-features.bin', files.length, 2 * FEATURES, (i) =>
    boxFeatures(files[i]!.path, drawn[i]!),
  );
  const view = (buf: Float32Array, i: number, v: number) =>
    buf.slice((2 * i + v) * FEATURES, (2 * i + v + 1) * FEATURES);
  return files.map((f, i) => ({
    label: f.label,
    views: [view(crops, i, 0), view(crops, i, 1), view(cut, i, 0), view(cut, i, 1)],
  }));
}

/**
 * The class calibration (models/face/calibration.ts): β added to face-api's own logits, fitted by full-batch
 * gradient descent on the mean negative log-likelihood of the training split (both views). Deterministic.
 */
function fitCalibration(shipped: ExpressionHead, samples: readonly Sample[]): number[] {
  const logits = samples.flatMap((s) =>
    s.views.slice(CROP, CROP + 2).map((x) => ({ l: headLogits(shipped, x), y: s.label })),
  );
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

/** Accuracy of `head` reading views `from`…`to` (exclusive) of each sample, averaged. */
function accuracy(head: ExpressionHead, samples: readonly Sample[], from: number, to: number): number {
  let ok = 0;
  for (const s of samples) {
    const p = EMOTIONS.map(() => 0);
    for (const v of s.views.slice(from, to)) softmax(headLogits(head, v)).forEach((x, c) => (p[c]! += x));
    if (p.indexOf(Math.max(...p)) === s.label) ok++;
  }
  return ok / samples.length;
}
/** The extension's reading: the detector-cut view alone. */
const boxAccuracy = (head: ExpressionHead, samples: readonly Sample[]) => accuracy(head, samples, BOX, BOX + 1);
/** FER's crop and its mirror image (how the classifier rows of emotion:eval read crops). */
const cropAccuracy = (head: ExpressionHead, samples: readonly Sample[]) => accuracy(head, samples, CROP, CROP + 2);

/** Grey 48×48 pixels of a face image (the mean of its channels, as models/face/expression-cnn.ts reads a crop). */
function grey48(path: string): Uint8Array {
  const img = decodeJpeg(path);
  const face = img.width === CNN_SIDE && img.height === CNN_SIDE ? img : resize(img, CNN_SIDE, CNN_SIDE);
  const out = new Uint8Array(CNN_SIDE * CNN_SIDE);
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round((face.rgb[3 * i]! + face.rgb[3 * i + 1]! + face.rgb[3 * i + 2]!) / 3);
  return out;
}

/**
 * What scripts/emotion/train-cnn.py reads: every Train face's grey pixels, its label, the validation split (the
 * head's), the detector box drawn for it and all the detector boxes (for augmentation).
 */
function writeCnnData(
  files: readonly { label: number; path: string }[],
  boxes: readonly RelativeBox[],
  drawn: readonly RelativeBox[],
  valIndex: readonly number[],
) {
  const pixelsFile = resolve('.cache/fer-cnn-pixels.bin');
  if (!existsSync(pixelsFile) || readFileSync(pixelsFile).length !== files.length * CNN_SIDE * CNN_SIDE) {
    const pixels = new Uint8Array(files.length * CNN_SIDE * CNN_SIDE);
    files.forEach((f, i) => pixels.set(grey48(f.path), i * CNN_SIDE * CNN_SIDE));
    writeFileSync(pixelsFile, pixels);
  }
  writeFileSync(
    resolve('.cache/fer-cnn-data.json'),
    JSON.stringify({ side: CNN_SIDE, labels: files.map((f) => f.label), validation: valIndex, drawn, boxes }),
  );
}

/**
 * What train-cnn.py --real-faces reads: the photos of the tuning people the CNN is fine-tuned on (half the tuning
 * part, scripts/lib/photos.ts; the other half is left for the class balance and the stated chance), each face found
 * and cut as the extension does, grey at the CNN's side (float32, 0–255), and their labels.
 */
async function writePhotoCnnData(): Promise<void> {
  const photos = readPhotos(PHOTOS).filter((p) => p.part === 'tuning' && p.fineTune);
  if (photos.length === 0) throw new Error(`No tuning photos to fine-tune on under ${PHOTOS}`);
  const crops = await greyFaceCrops(
    photos.map((p) => () => photoImage(p.path)),
    CNN_SIDE,
  );
  const found = photos.flatMap((p, i) => (crops[i] ? [{ label: EMOTIONS.indexOf(p.label), face: crops[i] }] : []));
  const pixels = new Float32Array(found.length * CNN_SIDE * CNN_SIDE);
  found.forEach((f, i) => pixels.set(f.face, i * CNN_SIDE * CNN_SIDE));
  writeFileSync(resolve('.cache/photo-cnn-pixels.bin'), pixels);
  writeFileSync(
    resolve('.cache/photo-cnn-data.json'),
    JSON.stringify({ side: CNN_SIDE, labels: found.map((f) => f.label), photos: photos.length }),
  );
  console.error(`photos to fine-tune on: ${found.length} faces of ${photos.length} photos`);
}

/** The ensemble's members: the CNN's recipe from each seed (train-cnn.py names the first's files without a suffix). */
const CNN_SEEDS = [7, 8] as const;
const memberSuffix = (seed: number) => (seed === CNN_SEEDS[0] ? '' : `-seed${seed}`);
/** A member as trained on FER, or (`real`) fine-tuned on real-size faces from it: what the extension reads. */
const memberFile = (seed: number, ext: 'bin' | 'json', real = true) =>
  `expression-cnn${memberSuffix(seed)}${real ? '-real' : ''}.${ext}`;
const valLogitsFile = (seed: number) => resolve(`.cache/fer-cnn-val-logits${memberSuffix(seed)}-real.bin`);

/**
 * Trains each member of the CNN with Debian's PyTorch (scripts/emotion/train-cnn.py reads what writeCnnData and
 * writePhotoCnnData wrote): on FER, about 45 minutes per member on 2 cores, then fine-tuned on real-size faces (about
 * 3 minutes). `--reuse-cnn` keeps the members trained on FER and fine-tunes them again (deterministic, so the same
 * files; the fine-tuning writes the validation logits the blend reads).
 */
function trainCnn(): void {
  const python = process.env.MOODREEL_PYTHON ?? '/usr/bin/python3';
  const reuse = process.argv.includes('--reuse-cnn');
  const run = (seed: number, args: string[]) => {
    const done = spawnSync(python, ['scripts/emotion/train-cnn.py', ...args], {
      stdio: 'inherit',
      env: { ...process.env, CNN_SEED: String(seed) },
    });
    if (done.status !== 0)
      throw new Error(
        `${python} scripts/emotion/train-cnn.py failed; it needs PyTorch: apt-get install -y python3-torch`,
      );
  };
  for (const seed of CNN_SEEDS) {
    if (!reuse) run(seed, []);
    run(seed, ['--real-faces']);
  }
}

/**
 * How the CNN is blended with face-api's calibrated head (models/face/expression-cnn.ts's blendLogits): the weight
 * on a 0.05 grid that reads the validation split best, crops and detector cuts alike (one view each, as the
 * extension reads a face), then the least class bias that lifts sad, angry and fearful to RECALL_FLOOR on the same
 * views. Written into the CNN's manifest.
 */
function fitBlend(calibrated: ExpressionHead, val: readonly Sample[]): { weight: number; validationAccuracy: number } {
  const members = CNN_SEEDS.map((seed) => {
    const logits = new Float32Array(readFileSync(valLogitsFile(seed)).buffer.slice(0));
    if (logits.length !== val.length * 4 * K) throw new Error('CNN validation logits do not match the split');
    return logits;
  });
  const items = val.flatMap((s, i) =>
    [CROP, BOX].map((v) => ({
      head: softmax(headLogits(calibrated, s.views[v]!)),
      cnn: ensembleLogits(members.map((logits) => logits.subarray((i * 4 + v) * K, (i * 4 + v + 1) * K))),
      y: s.label,
    })),
  );
  /** accuracy and per-emotion recall of the blend over the items (scripts/lib/classification.ts). */
  const reportWith = (blend: ExpressionCnnManifest['blend']) =>
    classificationReport(
      EMOTIONS,
      items.map(({ head, cnn, y }): [Emotion, Emotion] => {
        // No `sharp` part yet (emotion:fit-balance adds it): every face takes `bias`, whatever its detail.
        const l = blendLogits(head, cnn, 0, blend);
        return [EMOTIONS[y]!, EMOTIONS[l.indexOf(Math.max(...l))]!];
      }),
    );
  const accuracyWith = (blend: ExpressionCnnManifest['blend']) => reportWith(blend).accuracy;
  const zero = EMOTIONS.map(() => 0);
  let weight = 0;
  for (let w = 0; w <= 20; w++)
    if (accuracyWith({ weight: w / 20, bias: zero }) > accuracyWith({ weight, bias: zero })) weight = w / 20;
  // The emotions users most complain are missed must each be recalled at RECALL_FLOOR: the one furthest below it
  // gets BIAS_STEP more bias until none is (sad, angry and fearful faces are mostly read as each other or neutral).
  const bias = [...zero];
  for (let step = 0; step < 100; step++) {
    const { recall } = reportWith({ weight, bias });
    const low = RECALL_FLOOR_EMOTIONS.filter((e) => recall[e] < RECALL_FLOOR);
    if (low.length === 0) break;
    const e = low.reduce((a, b) => (recall[a] <= recall[b] ? a : b));
    const c = EMOTIONS.indexOf(e);
    bias[c] = round(bias[c]! + BIAS_STEP, 4);
  }
  const blend = { weight, bias };
  const { accuracy, recall } = reportWith(blend);
  const validationAccuracy = round(accuracy, 4);
  console.error(
    `blend: CNN weight ${weight}, validation ${round(accuracyWith({ weight, bias: zero }) * 100, 2)} %, ` +
      `${round(validationAccuracy * 100, 2)} % with the class bias ${JSON.stringify(bias)} ` +
      `(recall ${EMOTIONS.map((e) => `${e} ${round(recall[e], 3)}`).join(', ')}); ` +
      `head alone ${round(accuracyWith({ weight: 0, bias: zero }) * 100, 2)} %, ` +
      `CNN alone ${round(accuracyWith({ weight: 1, bias: zero }) * 100, 2)} %`,
  );
  const manifest = JSON.parse(readFileSync(CNN_FILE, 'utf8')) as ExpressionCnnManifest & Record<string, unknown>;
  // Every member must be laid out as the first, which the extension reads them by.
  for (const seed of CNN_SEEDS) {
    const member = JSON.parse(
      readFileSync(resolve('models/weights', memberFile(seed, 'json')), 'utf8'),
    ) as ExpressionCnnManifest;
    if (JSON.stringify(member.weights.tensors) !== JSON.stringify(manifest.weights.tensors))
      throw new Error(`${memberFile(seed, 'json')} is not laid out as ${memberFile(CNN_SEEDS[0], 'json', false)}`);
  }
  // A fresh blend: the class balance refitted on real photos (emotion:fit-balance) starts again from this one.
  const { trainedBias: _stale, blendBalancedOn: _also, ...rest } = manifest;
  writeFileSync(
    CNN_FILE,
    `${JSON.stringify({
      ...rest,
      members: CNN_SEEDS.map((seed) => ({ seed, file: memberFile(seed, 'bin') })),
      blend,
      blendValidationAccuracy: validationAccuracy,
    })}\n`,
  );
  return { weight, validationAccuracy };
}

async function main() {
  await startWasm();
  const files = trainFiles();
  const { boxes, drawn } = await detectorCuts(files);
  const random = rng(11);
  const { validation: valIndex, training } = ferValidationIndices(files.length, random);
  writeCnnData(files, boxes, drawn, valIndex);
  await writePhotoCnnData();
  if (process.argv.includes('--cnn-data')) return;
  const samples = await extract(files, drawn);
  const val = valIndex.map((i) => samples[i]!);
  const train = training.map((i) => samples[i]!);
  const counts = EMOTIONS.map((_, c) => train.filter((s) => s.label === c).length);
  const classWeight = counts.map((n) => Math.sqrt(Math.max(...counts) / n));

  const start = await shippedHead();
  const head: ExpressionHead = { version: 1, weights: Array.from(start.weights), bias: Array.from(start.bias) };
  const shipped = { ...head, weights: [...head.weights], bias: [...head.bias] };
  console.error(
    `face-api's head on our validation split: detector-cut ${round(boxAccuracy(shipped, val) * 100, 2)} %, ` +
      `crops ${round(cropAccuracy(shipped, val) * 100, 2)} %`,
  );
  // Adam state.
  const W = head.weights.length;
  const m = new Float64Array(W + K);
  const v = new Float64Array(W + K);
  let step = 0;
  let best = { acc: boxAccuracy(head, val), weights: [...head.weights], bias: [...head.bias], epoch: 0 };
  // Every view is a training example (the mirror images and the detector's cut are augmentation).
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
    const acc = boxAccuracy(head, val);
    console.error(
      `epoch ${epoch}: validation detector-cut ${round(acc * 100, 2)} %, crops ${round(cropAccuracy(head, val) * 100, 2)} %`,
    );
    if (acc > best.acc) best = { acc, weights: [...head.weights], bias: [...head.bias], epoch };
  }
  const bestHead: ExpressionHead = { version: 2, weights: best.weights, bias: best.bias };
  const out: ExpressionHead & Record<string, unknown> = {
    version: 2,
    trainedOn:
      'FER2013 Train (28,709 faces: the crop, the face cut as the detector cuts it, and both mirror images), ' +
      '10 % held out for validation',
    validationAccuracy: round(best.acc, 4),
    validationAccuracyOn: 'the detector-cut view alone',
    validationCropAccuracy: round(cropAccuracy(bestHead, val), 4),
    epoch: best.epoch,
    hyperParameters: {
      epochs: EPOCHS,
      batch: BATCH,
      learningRate: LR,
      l2TowardFaceApiHead: L2,
      classWeight: 'sqrt(max/n)',
      seed: 11,
      boxSample: `every ${BOX_SAMPLE}th Train face`,
      boxSeed: 23,
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
    validationAccuracy: round(cropAccuracy(withBias(beta), val), 4),
    bias: Object.fromEntries(EMOTIONS.map((e, c) => [e, Number(beta[c]!.toPrecision(6))])),
  };
  writeFileSync(CALIBRATION_FILE, `${JSON.stringify(calibration)}\n`);
  trainCnn();
  const blend = fitBlend(withBias(beta), val);
  console.log(
    JSON.stringify({
      train: 'emotion',
      validationAccuracy: out.validationAccuracy,
      epoch: best.epoch,
      validationCropAccuracy: out.validationCropAccuracy,
      faceApiHeadValidationAccuracy: round(boxAccuracy(shipped, val), 4),
      faceApiHeadValidationCropAccuracy: round(cropAccuracy(shipped, val), 4),
      calibratedValidationAccuracy: calibration.validationAccuracy,
      cnnWeight: blend.weight,
      blendValidationAccuracy: blend.validationAccuracy,
    }),
  );
}

await main();
