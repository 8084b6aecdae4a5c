/**
 * `npm run eval:emotion -- --data <folder> [--mode classifier|pipeline|both] [--limit N]`: accuracy of the project's
 * own face analysis on a folder laid out as <label>/<image> (FER2013 labels), in Node on tfjs's wasm backend with
 * the same model files the extension ships.
 * - classifier: the image is already a face crop; FaceExpressionNet alone.
 * - pipeline: the crop scaled to 240 px and centred on a grey 640×480 frame, as a webcam sees a face; then the
 *   extension's analyzer (TinyFaceDetector with its low-threshold retry + expressions, models/face/analyzer.ts) and
 *   mood rule (models/mood). A frame without a detected face counts as wrong; the detection rate is reported.
 * Prints accuracy, macro-F1, per-class recall, the confusion matrix and ms per image; the last line is JSON whose
 * `accuracy` is the pipeline's (the path the extension runs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { combineViews, createFaceAnalyzer, type FaceApiModule } from '../models/face/analyzer';
import { DEFAULT_ANALYZER_CONFIG } from '../models/face/config';
import { calibrate } from '../models/face/calibration';
import { headPredict, type ExpressionHead } from '../models/face/expression-head';
import { cropFeatures, HEAD_FILE } from './lib/expression-features';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../models/mood/emotions';
import { moodFromFaces } from '../models/mood/mood';
import { classificationReport, type ClassificationReport } from './lib/classification';
import { decodeJpeg, webcamFrame, type RgbImage } from './lib/image';
import { markdownTable, round } from './lib/stats';
import { ferImages } from './lib/fer';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const DATA = resolve(arg('data', join(process.env.MOODREEL_DATA ?? '../shared/data', 'fer2013/PublicTest')));
const MODE = arg('mode', 'both');
const LIMIT = Number(arg('limit', '0'));
const MODELS = resolve('node_modules/@vladmandic/face-api/model');

interface Tf {
  setWasmPaths(path: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): { dispose(): void };
  reverse<T>(t: T, axis: number): T;
  memory(): { numTensors: number };
}
const tf = faceapi.tf as unknown as Tf;

function toTensor(img: RgbImage) {
  return tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
}

function argmax(p: Record<Emotion, number>): Emotion {
  return EMOTIONS.reduce((a, b) => (p[b] > p[a] ? b : a));
}

function figures(r: ClassificationReport<Emotion>, ms: number) {
  return { accuracy: round(r.accuracy, 4), macroF1: round(r.macroF1, 4), msPerImage: round(ms, 1), recall: r.recall };
}

function print(title: string, r: ClassificationReport<Emotion>, msPerImage: number, extra = '') {
  console.log(
    `\n### ${title}: ${r.total} images, accuracy ${round(r.accuracy * 100, 1)} %, macro-F1 ${round(r.macroF1, 3)}, ${round(msPerImage, 1)} ms per image${extra}\n`,
  );
  console.log(
    markdownTable(
      ['class', 'recall', 'precision'],
      r.labels.map((l) => [l, round(r.recall[l], 3), round(r.precision[l], 3)]),
    ),
  );
  console.log('\nConfusion (rows: truth, columns: prediction)\n');
  console.log(
    markdownTable(
      ['truth \\ predicted', ...r.labels],
      r.labels.map((l, i) => [l, ...r.confusion[i]!]),
    ),
  );
}

async function main() {
  tf.setWasmPaths(`${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  await tf.ready();
  const list = ferImages(DATA, LIMIT);
  if (list.length === 0) throw new Error(`No labelled images under ${DATA}`);
  const analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, { disk: MODELS });
  await analyzer.load(['tiny']);
  const summary: Record<string, unknown> = { eval: 'emotion', data: DATA, images: list.length };

  /** Runs `predict` over every crop; prints and records the result under `key`. */
  async function crops(key: string, title: string, predict: (path: string) => Promise<Record<Emotion, number>>) {
    const pairs: [Emotion, Emotion][] = [];
    const start = performance.now();
    for (const { label, path } of list) pairs.push([label, argmax(await predict(path))]);
    const r = classificationReport(EMOTIONS, pairs);
    const ms = (performance.now() - start) / list.length;
    print(title, r, ms);
    summary[key] = figures(r, ms);
  }

  if (MODE === 'classifier' || MODE === 'both') {
    const shipped = async (path: string) => {
      const t = toTensor(decodeJpeg(path));
      const p = await faceapi.nets.faceExpressionNet.predictExpressions(t as never);
      t.dispose();
      return p as unknown as EmotionProbabilities;
    };
    await crops('classifier', 'Classifier (face crops, FaceExpressionNet as shipped)', shipped);
    await crops('classifierCalibrated', 'Classifier with the class calibration (face crops)', async (path) =>
      calibrate(await shipped(path)),
    );
    // Tried, not shipped (the analyzer's `mirror`): the crop and its mirror image, averaged, then calibrated.
    await crops('classifierMirror', 'Classifier, mirror TTA + class calibration (not shipped)', async (path) => {
      const t = toTensor(decodeJpeg(path));
      const m = tf.reverse(t, 1);
      const views: EmotionProbabilities[] = [];
      for (const v of [t, m])
        views.push((await faceapi.nets.faceExpressionNet.predictExpressions(v as never)) as never);
      t.dispose();
      m.dispose();
      return combineViews(views, { ...DEFAULT_ANALYZER_CONFIG, mirror: true });
    });
    // Moodreel's own head (npm run train:emotion), on the same crops with mirror-image test-time augmentation.
    if (existsSync(HEAD_FILE)) {
      const head = JSON.parse(readFileSync(HEAD_FILE, 'utf8')) as ExpressionHead;
      await crops('classifierHead', 'Classifier with Moodreel’s head (face crops + mirror TTA)', async (path) =>
        headPredict(head, await cropFeatures(path, true)),
      );
    }
  }

  if (MODE === 'pipeline' || MODE === 'both') {
    // One detection pass with the extension's settings. Faces at or above the detector's threshold are what face-api
    // as shipped finds (the retry runs only when there are none, and then returns one face below it), so each row
    // below is the same pass seen through one more step: the baseline (face-api's raw expressions), the class
    // calibration, mirror TTA (tried, not shipped), then the low-threshold retry (the extension's path).
    const { tinyScoreThreshold } = DEFAULT_ANALYZER_CONFIG;
    const steps = {
      pipelineBaseline: {
        title: 'Pipeline, face-api as shipped (webcam-like frame, TinyFaceDetector + expressions + mood rule)',
        retry: false,
        combine: (views: EmotionProbabilities[]) => views[0]!,
      },
      pipelineCalibrated: {
        title: 'Pipeline with the class calibration',
        retry: false,
        combine: (views: EmotionProbabilities[]) => combineViews(views, DEFAULT_ANALYZER_CONFIG),
      },
      pipelineMirror: {
        title: 'Pipeline with mirror TTA + class calibration (not shipped)',
        retry: false,
        combine: (views: EmotionProbabilities[]) => combineViews(views, { ...DEFAULT_ANALYZER_CONFIG, mirror: true }),
      },
      pipeline: {
        title: 'Pipeline with the class calibration + low-threshold retry (the extension’s path)',
        retry: true,
        combine: (views: EmotionProbabilities[]) => combineViews(views, DEFAULT_ANALYZER_CONFIG),
      },
    };
    const pairs = new Map<string, [Emotion, Emotion][]>(Object.keys(steps).map((k) => [k, []]));
    const detected = { first: 0, retry: 0 };
    const start = performance.now();
    for (const { label, path } of list) {
      const t = toTensor(webcamFrame(decodeJpeg(path)));
      const all = await analyzer.predictViews(t as never, { mirror: true });
      t.dispose();
      const first = all.filter((f) => f.score >= tinyScoreThreshold);
      if (first.length > 0) detected.first++;
      if (all.length > 0) detected.retry++;
      // An undetected face is a miss: score it as the least likely guess, never as the truth.
      const miss = label === 'neutral' ? 'surprised' : 'neutral';
      for (const [key, step] of Object.entries(steps)) {
        const faces = step.retry ? all : first;
        const mood = moodFromFaces(faces.map(({ views, ...f }) => ({ ...f, expressions: step.combine(views) })));
        pairs.get(key)!.push([label, mood.kind === 'mood' ? mood.dominant : miss]);
      }
    }
    const ms = (performance.now() - start) / list.length;
    for (const [key, step] of Object.entries(steps)) {
      const r = classificationReport(EMOTIONS, pairs.get(key)!);
      const rate = (step.retry ? detected.retry : detected.first) / list.length;
      print(step.title, r, ms, `, faces found in ${round(rate * 100, 1)} %`);
      summary[key] = { ...figures(r, ms), detectionRate: round(rate, 4) };
      if (key === 'pipeline') summary.accuracy = round(r.accuracy, 4);
    }
  }
  summary.tensorsLeft = tf.memory().numTensors;
  console.log(JSON.stringify(summary));
}

await main();
