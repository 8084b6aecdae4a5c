/**
 * `npm run emotion:eval -- --data <folder> [--mode classifier|pipeline|both|photos] [--limit N]`: accuracy of the project's
 * own face analysis on a folder laid out as <label>/<image> (FER2013 labels, JPEG or PNG), in Node on tfjs's wasm
 * backend with the same model files the extension ships.
 * - classifier: the image is already a face crop; FaceExpressionNet (face-api's head or Moodreel's) and Moodreel's
 *   expression CNN read it, alone or blended.
 * - pipeline: the crop scaled to 240 px and centred on a grey 640×480 frame, as a webcam sees a face; then the
 *   extension's analyzer (TinyFaceDetector with its low-threshold retry + expressions, models/face/analyzer.ts) and
 *   mood rule (models/mood). A frame without a detected face counts as wrong; the detection rate is reported.
 * - photos: real-size photos as they are (any size, JPEG or PNG told apart by their bytes, a JPEG shown upright as its
 *   EXIF orientation says, as the browser shows it; other formats and damaged files named as left out, never a crash
 *   mid-run; scaled down like the extension does past its largest side; with --frame WxH:S each scaled to S px on a W×H
 *   light-grey canvas, as a studio portrait frames a face, and WxH:S:webcam with a webcam's sensor noise and JPEG on
 *   top), read by the extension's analyzer and mood rule exactly as shipped (--band-cut off: every face read from its
 *   box, to measure the cut; --tall F: each photo made F times taller first, as --tall 1.25 undoes the Taiwan set's
 *   squeeze); by part of the person split (scripts/lib/photos.ts; --part tuning reads that part alone) and, where
 *   observers voted, for the photos whose posed label they confirmed. Default data: the Taiwan performers set. Folders
 *   may be named as FER2013 does, as Moodreel does ("fearful") or with the usual nouns ("fear", "sadness"), in any
 *   case, with images in subfolders (one per person, say); a labels.csv (path, emotion, optionally performer and agree)
 *   takes their place. What is not one of the seven expressions is listed as left out, on screen and in the JSON line.
 * On the extension's path (pipeline, photos) also the calibration of the chance the extension states (expected
 * calibration error, reliability table, and how often each of the popup's words was right).
 * Prints accuracy, macro-F1, per-class recall, the confusion matrix and ms per image; the last line is JSON whose
 * `accuracy` is the pipeline's (the path the extension runs), or in photo mode the reporting part's.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { createFaceAnalyzer, type ExpressionView, type FaceApiModule } from '../../models/face/analyzer';
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import { NODE_MODELS } from '../lib/expression-features';
import { readExperiment, type Reading } from '../lib/experiments';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../../models/mood/emotions';
import { moodFromFaces } from '../../models/mood/mood';
import { calibrationReport, classificationReport, eceFloor, type ClassificationReport } from '../lib/classification';
import { SURENESS, sureness } from '../../models/mood/sureness';
import { decodeImage, framedPhoto, parseFraming, taller, webcamFrame, type RgbImage } from '../lib/image';
import { readPhotoMoods, readPhotos, rightByPerson, type Photo } from '../lib/photos';
import { factorOption, option } from '../lib/options';
import { bootstrapShare, markdownTable, round } from '../lib/stats';
import { ferImages } from '../lib/fer';
import { errorText } from '../../models/error-text';

const MODE = option('mode') ?? 'both';
const SHARED = process.env.MOODREEL_DATA ?? '../shared/data';
const DATA = resolve(
  option('data') ?? join(SHARED, MODE === 'photos' ? 'faces-expressions/taiwan-performers' : 'fer2013/PublicTest'),
);
const LIMIT = Number(option('limit') ?? '0');
/** --frame 562x762:358: each photo shown in a larger frame (scripts/lib/image.ts), as a studio portrait shows a face. */
const FRAME = option('frame');
const FRAMING = FRAME ? parseFraming(FRAME) : null;
/**
 * --tall 1.25: each photo made that much taller before anything else (photo mode). The Taiwan photos were squeezed from
 * 1024×1280 to 256×256, so their faces are 1.25 times too wide; 1.25 shows them in their own proportions.
 */
const TALL = factorOption('tall', 0.5, 2) ?? 1;
/** --part tuning (or reporting): only that part's photos are read, so a tuning run never reads the reporting part. */
const PART = option('part');
if (PART !== null && PART !== 'tuning' && PART !== 'reporting')
  throw new Error(`--part takes "tuning" or "reporting", not "${PART}"`);
/** --band-cut off: every face read from its box, to measure what the band cut does (photo mode). */
const BAND_CUT = option('band-cut');
if (BAND_CUT !== null && BAND_CUT !== 'off') throw new Error(`--band-cut takes "off", not "${BAND_CUT}"`);

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
  if (MODE === 'photos') return photos();
  // Each crop is decoded once first (small, quick): a damaged file is named and left out, not a crash mid-run.
  const leftOut = leftOutList();
  const list = ferImages(DATA, LIMIT).filter(({ path }) => {
    try {
      decodeImage(path);
      return true;
    } catch (error) {
      leftOut.add(`${path} (${errorText(error)})`);
      return false;
    }
  });
  if (list.length === 0)
    throw new Error(
      `No labelled images under ${DATA}: it needs folders named for the expressions (angry, disgust, fear, happy, ` +
        `neutral, sad, surprise; the usual nouns too) holding JPEG or PNG face crops`,
    );
  const analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny', 'ssd']);
  const summary: Record<string, unknown> = { eval: 'emotion', data: DATA, images: list.length, leftOut: leftOut.items };

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
    await crops('classifier', 'Classifier (face crops, FaceExpressionNet as shipped)', async (path) => {
      const t = toTensor(decodeImage(path));
      const p = await faceapi.nets.faceExpressionNet.predictExpressions(t as never);
      t.dispose();
      return p as unknown as EmotionProbabilities;
    });
    // One pass over the crop and its mirror image (features and CNN logits), read by each head and step.
    const views: ExpressionView[][] = [];
    const start = performance.now();
    for (const { path } of list) {
      const t = toTensor(decodeImage(path));
      views.push(await analyzer.readViews(t as never, { mirror: true, cnn: 'blend' }));
      t.dispose();
    }
    const ms = (performance.now() - start) / list.length / 2;
    const rows = {
      classifierCalibrated: [
        'Classifier with the class calibration (face crops)',
        { head: 'face-api', cnn: 'off', mirror: false },
      ],
      classifierMirror: [
        'Classifier, mirror TTA + class calibration (not shipped)',
        { head: 'face-api', cnn: 'off', mirror: true },
      ],
      classifierHead: ['Classifier with Moodreel’s head (face crops)', { head: 'moodreel', cnn: 'off', mirror: false }],
      classifierHeadMirror: [
        'Classifier with Moodreel’s head + mirror TTA (not shipped)',
        { head: 'moodreel', cnn: 'off', mirror: true },
      ],
      // The CNN reads each face with its mirror image (`cnnMirror`), so its reading of a mirrored view is the same.
      classifierCnn: ['Classifier, Moodreel’s CNN alone', { head: 'face-api', cnn: 'alone', mirror: false }],
      classifierBlend: [
        'Classifier, face-api’s head + calibration blended with Moodreel’s CNN (the extension’s reading)',
        { head: 'face-api', cnn: 'blend', mirror: false },
      ],
      classifierBlendMirror: [
        'Classifier, the same + face-api’s net on the mirror image too (not shipped)',
        { head: 'face-api', cnn: 'blend', mirror: true },
      ],
    } as const;
    for (const [key, [title, config]] of Object.entries(rows)) {
      const pairs = list.map(({ label }, i): [Emotion, Emotion] => [
        label,
        argmax(readExperiment(views[i]!, config, analyzer.faceApiHead())),
      ]);
      const r = classificationReport(EMOTIONS, pairs);
      const perImage = config.mirror ? 2 * ms : ms;
      print(title, r, perImage);
      summary[key] = figures(r, perImage);
    }
  }

  if (MODE === 'pipeline' || MODE === 'both') {
    // One detection pass with the extension's settings. Faces at or above the detector's threshold are what face-api
    // as shipped finds (the retry runs only when there are none, and then returns one face below it), so each row
    // below is the same pass seen through other steps: the baseline (face-api's head, raw), the class calibration,
    // mirror TTA (tried, not shipped), the low-threshold retry, Moodreel's head or CNN in place of face-api's head
    // (not shipped), and the CNN blended with the calibrated head (the extension's path).
    const { tinyScoreThreshold } = DEFAULT_ANALYZER_CONFIG;
    const steps: Record<string, { title: string; retry: boolean; fallback?: boolean; config: Reading }> = {
      pipelineBaseline: {
        title: 'Pipeline, face-api as shipped (webcam-like frame, TinyFaceDetector + expressions + mood rule)',
        retry: false,
        config: { head: 'face-api', calibrate: false, cnn: 'off', mirror: false },
      },
      pipelineCalibrated: {
        title: 'Pipeline with the class calibration',
        retry: false,
        config: { head: 'face-api', cnn: 'off', mirror: false },
      },
      pipelineMirror: {
        title: 'Pipeline with mirror TTA + class calibration (not shipped)',
        retry: false,
        config: { head: 'face-api', cnn: 'off', mirror: true },
      },
      pipelineRetry: {
        title: 'Pipeline with the class calibration + low-threshold retry (the extension’s path before the CNN)',
        retry: true,
        config: { head: 'face-api', cnn: 'off', mirror: false },
      },
      pipelineHead: {
        title: 'Pipeline with Moodreel’s head + low-threshold retry (not shipped)',
        retry: true,
        config: { head: 'moodreel', cnn: 'off', mirror: false },
      },
      pipelineCnn: {
        title: 'Pipeline with Moodreel’s CNN alone + low-threshold retry (not shipped)',
        retry: true,
        config: { head: 'face-api', cnn: 'alone', mirror: false },
      },
      pipelineBlendFirstLook: {
        title: 'Pipeline, calibrated face-api head blended with Moodreel’s CNN, without the retry',
        retry: false,
        config: { head: 'face-api', cnn: 'blend', mirror: false },
      },
      pipelineRetry2: {
        title: 'Pipeline, calibrated face-api head blended with Moodreel’s CNN + low-threshold retry',
        retry: true,
        config: { head: 'face-api', cnn: 'blend', mirror: false },
      },
      pipeline: {
        title:
          'Pipeline, the same + SSD MobileNet when both TinyFaceDetector looks find nothing (the extension’s path)',
        retry: true,
        fallback: true,
        config: { head: 'face-api', cnn: 'blend', mirror: false },
      },
      pipelineBlendMirror: {
        title:
          'Pipeline, the extension’s path + face-api’s net on the mirror image too (not shipped: over the time budget)',
        retry: true,
        fallback: true,
        config: { head: 'face-api', cnn: 'blend', mirror: true },
      },
    };
    const pairs = new Map<string, [Emotion, Emotion][]>(Object.keys(steps).map((k) => [k, []]));
    const detected = { first: 0, retry: 0, fallback: 0 };
    const stated: { confidence: number; correct: boolean }[] = [];
    const start = performance.now();
    for (const { label, path } of list) {
      const t = toTensor(webcamFrame(decodeImage(path)));
      // Tiny's two looks in one pass; the fallback detector only where they found nothing, as the analyzer does.
      const all = await analyzer.predictViews(t as never, { mirror: true, cnn: 'blend', fallbackDetector: null });
      const fallback =
        all.length > 0 ? all : await analyzer.predictViews(t as never, { mirror: true, cnn: 'blend', detector: 'ssd' });
      t.dispose();
      const first = all.filter((f) => f.score >= tinyScoreThreshold);
      if (first.length > 0) detected.first++;
      if (all.length > 0) detected.retry++;
      if (fallback.length > 0) detected.fallback++;
      // An undetected face is a miss: score it as the least likely guess, never as the truth.
      const miss = label === 'neutral' ? 'surprised' : 'neutral';
      for (const [key, step] of Object.entries(steps)) {
        const faces = step.fallback ? fallback : step.retry ? all : first;
        const mood = moodFromFaces(
          faces.map(({ views, ...f }) => ({
            ...f,
            expressions: readExperiment(views, step.config, analyzer.faceApiHead()),
          })),
        );
        pairs.get(key)!.push([label, mood.kind === 'mood' ? mood.dominant : miss]);
        // The chance the popup would state, for the extension's path ("no face found" states none).
        if (key === 'pipeline' && mood.kind === 'mood')
          stated.push({ confidence: mood.chance, correct: mood.dominant === label });
      }
    }
    const ms = (performance.now() - start) / list.length;
    for (const [key, step] of Object.entries(steps)) {
      const r = classificationReport(EMOTIONS, pairs.get(key)!);
      const rate = (step.fallback ? detected.fallback : step.retry ? detected.retry : detected.first) / list.length;
      const calibration = key === 'pipeline' ? statedCalibration(stated) : null;
      const ece = calibration ? `, ECE ${eceText(calibration)}` : '';
      print(step.title, r, ms, `, faces found in ${round(rate * 100, 1)} %${ece}`);
      if (calibration) printReliability(calibration, stated, 'faces');
      summary[key] = {
        ...figures(r, ms),
        detectionRate: round(rate, 4),
        ...(calibration ? eceFigures(calibration) : {}),
      };
      if (key === 'pipeline') summary.accuracy = round(r.accuracy, 4);
    }
  }
  summary.tensorsLeft = tf.memory().numTensors;
  console.log(JSON.stringify(summary));
}

type StatedCalibration = ReturnType<typeof statedCalibration>;

/**
 * The calibration of a stated confidence with its floor: what a perfectly calibrated confidence would show on the same
 * readings (its sampling noise).
 */
function statedCalibration(stated: readonly { confidence: number; correct: boolean }[]) {
  return { ...calibrationReport(stated), floor: eceFloor(stated.map((r) => r.confidence)) };
}

function eceText({ ece, floor }: StatedCalibration): string {
  return `${round(ece, 3)} (calibrated would read ${round(floor.mean, 3)}, 95 % ≤ ${round(floor.p95, 3)})`;
}

/** The JSON line's figures of a calibration. */
function eceFigures({ ece, floor }: StatedCalibration) {
  return { ece: round(ece, 4), eceFloor: { mean: round(floor.mean, 4), p95: round(floor.p95, 4) } };
}

/** What a run leaves out: each said on screen as it is found, and kept for the JSON line. */
function leftOutList() {
  const items: string[] = [];
  return {
    items,
    add: (what: string) => {
      items.push(what);
      console.warn(`Left out: ${what}.`);
    },
  };
}

/**
 * The reliability table of the stated confidence (what share of the readings in each bin were right), then what the
 * popup's words (models/mood/sureness.ts) meant: how often a reading it called "sure", "fairly sure"… was right.
 */
function printReliability(
  calibration: ReturnType<typeof calibrationReport>,
  readings: readonly { confidence: number; correct: boolean }[],
  what: string,
) {
  console.log('\nReliability of the stated confidence (bins of 0.1)\n');
  console.log(
    markdownTable(
      ['confidence', what, 'mean confidence', 'right'],
      calibration.bins
        .filter((b) => b.count > 0)
        .map((b) => [`${round(b.from, 1)}–${round(b.to, 1)}`, b.count, round(b.confidence, 3), round(b.accuracy, 3)]),
    ),
  );
  console.log("\nThe popup's words\n");
  console.log(
    markdownTable(
      ['word', what, 'mean confidence', 'right'],
      SURENESS.flatMap((word) => {
        const said = readings.filter((r) => sureness(r.confidence) === word);
        if (said.length === 0) return [];
        const mean = (f: (r: (typeof said)[number]) => number) =>
          round(said.reduce((a, r) => a + f(r), 0) / said.length, 3);
        return [[word, said.length, mean((r) => r.confidence), mean((r) => (r.correct ? 1 : 0))]];
      }),
    ),
  );
}

/** The extension's reading of real-size photos, by part and subset, with the calibration of its stated confidence. */
async function photos() {
  // --limit N: the first N photos of each label and part (a quick look), else all.
  const seen = new Map<string, number>();
  const leftOut = leftOutList();
  const all = readPhotos(DATA, leftOut.add).filter((p) => {
    const key = `${p.label}:${p.part}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return (LIMIT === 0 || seen.get(key)! <= LIMIT) && (PART === null || p.part === PART);
  });
  if (all.length === 0 && PART !== null)
    throw new Error(`No photos of the ${PART} part under ${DATA} (a set other than the Taiwan one is all reporting)`);
  if (all.length === 0)
    throw new Error(
      `No labelled photos under ${DATA}: it needs folders named for the expressions (angry, disgust or disgusted, ` +
        `fear or fearful, happy, neutral, sad, surprise or surprised), images whose names say it (KDEF's codes, or ` +
        `a word such as "..._angry_frontal.jpg"), or a labels.csv with path and emotion columns`,
    );
  const view = (img: RgbImage) => {
    const shown = taller(img, TALL);
    return FRAMING ? framedPhoto(shown, FRAMING) : shown;
  };
  const {
    readings,
    unreadable,
    msPerPhoto: ms,
  } = await readPhotoMoods(all, view, BAND_CUT === 'off' ? { bandCut: null } : {});
  for (const { photo, why } of unreadable) leftOut.add(`a file that could not be decoded (${why}): ${photo.path}`);
  const read = readings.map(({ photo, mood }) =>
    mood.kind === 'mood'
      ? { photo, predicted: mood.dominant, confidence: mood.chance }
      : { photo, predicted: null, confidence: 0 },
  );
  const summary: Record<string, unknown> = {
    eval: 'emotion',
    mode: 'photos',
    data: DATA,
    frame: FRAME ?? null,
    tall: TALL,
    part: PART ?? 'both',
    bandCut: BAND_CUT === 'off' ? 'off' : 'as shipped',
    photos: readings.length,
    leftOut: leftOut.items,
  };
  const subsets: [string, string, (p: Photo) => boolean][] = [
    ['reporting', 'reporting part, all photos', (p) => p.part === 'reporting'],
    [
      'reportingAgree',
      'reporting part, posed label confirmed by the observers (agree = 1)',
      (p) => p.part === 'reporting' && p.agree === true,
    ],
    ['tuning', 'tuning part, all photos', (p) => p.part === 'tuning'],
    ['tuningAgree', 'tuning part, agree = 1', (p) => p.part === 'tuning' && p.agree === true],
  ];
  for (const [key, title, keep] of subsets) {
    const rows = read.filter((r) => keep(r.photo));
    if (rows.length === 0) continue;
    // A photo without a face is a miss: scored as the least likely guess, never as the truth.
    const pairs = rows.map((r): [Emotion, Emotion] => [
      r.photo.label,
      r.predicted ?? (r.photo.label === 'neutral' ? 'surprised' : 'neutral'),
    ]);
    const report = classificationReport(EMOTIONS, pairs);
    const found = rows.filter((r) => r.predicted !== null).length / rows.length;
    // The figure the popup states, for every reading that states one ("no face found" states none).
    const stated = rows
      .filter((r) => r.predicted !== null)
      .map((r) => ({ confidence: r.confidence, correct: r.predicted === r.photo.label }));
    const calibration = statedCalibration(stated);
    // How far the accuracy could move with other people of the same kind: a 90 % interval over people.
    const units = rightByPerson(rows.map((r, i) => ({ photo: r.photo, right: pairs[i]![0] === pairs[i]![1] })));
    const named = rows.every((r) => r.photo.person !== null);
    const unit = named ? (units.length === 1 ? 'person' : 'people') : units.length === 1 ? 'photo' : 'photos';
    const interval = { ...bootstrapShare(units), over: `${units.length} ${unit}` };
    print(
      `Photos, ${title}`,
      report,
      ms,
      `, 90 % interval ${round(interval.low * 100, 1)}–${round(interval.high * 100, 1)} % over ${interval.over}` +
        `, faces found in ${round(found * 100, 1)} %, ECE ${eceText(calibration)}`,
    );
    printReliability(calibration, stated, 'photos');
    summary[key] = {
      ...figures(report, ms),
      accuracyInterval: { low: round(interval.low, 4), high: round(interval.high, 4), over: interval.over },
      facesFound: round(found, 4),
      ...eceFigures(calibration),
    };
  }
  const headline = (summary.reportingAgree ?? summary.reporting) as { accuracy: number } | undefined;
  summary.accuracy = headline?.accuracy ?? null;
  summary.tensorsLeft = tf.memory().numTensors;
  console.log(JSON.stringify(summary));
}

await main();
