/**
 * Face detection plus expression recognition on face-api. The face-api module is passed in, so the same code runs
 * on the browser build (extension) and the Node wasm build (scripts, evaluation).
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { EMOTIONS, type EmotionProbabilities } from '../mood/emotions';
import type { Box, Face } from '../mood/faces';
import { calibrate } from './calibration';
import { DEFAULT_ANALYZER_CONFIG, type AnalyzerConfig, type DetectorKind } from './config';
import { bandOf } from './band-cut';
import { offFrameShare } from './off-frame';
import { blendLogits, cnnWeightFiles, createExpressionCnn, type ExpressionCnn } from './expression-cnn';
import { headLogits, type ExpressionHead } from './expression-head';
import { createFaceDetail, type FaceDetail } from './detail';
import { mirrorImage } from './mirror';
import { softmax } from '../probability';

export type FaceApiModule = typeof FaceApi;

/**
 * What the analyzer reads from one view of a face (the crop, or its mirror image): FaceExpressionNet's 256-d
 * features, which a head turns into expressions, and Moodreel's CNN's logits.
 */
export interface ExpressionView {
  features: Float32Array;
  /** null when the CNN was not asked to read the view (`cnn: 'off'`). */
  cnn: Float32Array | null;
  /** The detail of the face crop (models/face/detail.ts; a mirror image has its crop's): the blend's balance reads it. */
  detail: number;
}

/** The faces read from an input, and how many the detector found (more than were read where it found too many). */
export interface FacesRead {
  faces: Face[];
  found: number;
}

/** A detected face with what each of its views gave (the crop, then its mirror image). */
export interface FaceViews extends Omit<Face, 'expressions'> {
  views: ExpressionView[];
}

/** How the extension reads one view: face-api's head, its class calibration, Moodreel's CNN blended in. */
export function shippedView(
  config: Pick<AnalyzerConfig, 'calibrate' | 'cnn'>,
  faceApiHead: ExpressionHead,
): (view: ExpressionView) => number[] {
  return (view) => {
    let p = softmax(headLogits(faceApiHead, view.features));
    if (config.calibrate) p = calibrateArray(p);
    if (config.cnn === 'blend' && view.cnn) p = softmax(blendLogits(p, view.cnn, view.detail));
    return p;
  };
}

/** The mean of a reading over a face's views: the crop's alone, or with `mirror` the crop and its mirror image. */
export function meanOverViews(
  views: readonly ExpressionView[],
  mirror: boolean,
  read: (view: ExpressionView) => number[],
): EmotionProbabilities {
  const used = mirror ? views : views.slice(0, 1);
  const mean = EMOTIONS.map(() => 0);
  for (const view of used) read(view).forEach((x, c) => (mean[c]! += x / used.length));
  return Object.fromEntries(EMOTIONS.map((e, c) => [e, mean[c]!])) as EmotionProbabilities;
}

/** One face's expressions from its views, as the extension reads them (test-time augmentation with `mirror`). */
export function combineViews(
  views: readonly ExpressionView[],
  config: Pick<AnalyzerConfig, 'calibrate' | 'mirror' | 'cnn'>,
  faceApiHead: ExpressionHead,
): EmotionProbabilities {
  return meanOverViews(views, config.mirror, shippedView(config, faceApiHead));
}

function calibrateArray(p: readonly number[]): number[] {
  const calibrated = calibrate(Object.fromEntries(EMOTIONS.map((e, c) => [e, p[c]!])) as EmotionProbabilities);
  return EMOTIONS.map((e) => calibrated[e]);
}
export type AnalyzerInput = FaceApi.TNetInput;

export interface FaceAnalyzer {
  /**
   * Loads the expression net, Moodreel's CNN and the given detectors from the model source; loaded nets are kept.
   */
  load(detectors: readonly DetectorKind[]): Promise<void>;
  isLoaded(detector: DetectorKind): boolean;
  /** Every face in the input, largest first, at most `config.maxFaces`. */
  predict(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<Face[]>;
  /** `predict`'s faces, and how many the detector found before the largest `config.maxFaces` were kept. */
  read(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<FacesRead>;
  /**
   * The same faces with what each view gave (the crop, then its mirror image when `config.mirror`), before a head
   * reads them: for measuring each step (`emotion:eval`).
   */
  predictViews(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<FaceViews[]>;
  /**
   * The views of an image that is already a face crop (and of its mirror image with `mirror`; the CNN's reading
   * unless `cnn` is 'off'), after `load`.
   */
  readViews(crop: FaceApi.tf.Tensor3D, config?: Partial<AnalyzerConfig>): Promise<ExpressionView[]>;
  /** A face's expressions from its views, as `predict` reads them (after `load`). */
  combine(views: readonly ExpressionView[], config?: Partial<AnalyzerConfig>): EmotionProbabilities;
  /** face-api's own head, read from its loaded weights (after `load`): for measuring other readings in scripts/. */
  faceApiHead(): ExpressionHead;
  /** Frees every loaded net's weights. */
  dispose(): void;
}

/**
 * Where the weights come from: a URL folder holding face-api's and Moodreel's (the extension's build), or on disk
 * face-api's folder and Moodreel's (Node).
 */
export type ModelSource = { uri: string } | { disk: string; moodreelDisk: string };

export function createFaceAnalyzer(faceapi: FaceApiModule, source: ModelSource | string): FaceAnalyzer {
  const from: ModelSource = typeof source === 'string' ? { uri: source } : source;
  const nets = {
    tiny: faceapi.nets.tinyFaceDetector,
    ssd: faceapi.nets.ssdMobilenetv1,
    expressions: faceapi.nets.faceExpressionNet,
  };

  /** face-api's own head (FaceExpressionNet's last layer), read from its weights once they are loaded. */
  let faceApiHead: ExpressionHead | null = null;
  let cnn: ExpressionCnn | null = null;
  let detail: FaceDetail | null = null;

  async function cnnBytes(file: string): Promise<Uint8Array> {
    if ('disk' in from)
      return new Uint8Array((await faceapi.env.getEnv().readFile(`${from.moodreelDisk}/${file}`)) as Uint8Array);
    const response = await fetch(`${from.uri}/${file}`);
    if (!response.ok) throw new Error(`Could not load ${file}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async function load(detectors: readonly DetectorKind[]): Promise<void> {
    const wanted = [nets.expressions, ...detectors.map((d) => nets[d])];
    await Promise.all(
      wanted
        .filter((net) => !net.isLoaded)
        .map((net) => ('disk' in from ? net.loadFromDisk(from.disk) : net.loadFromUri(from.uri))),
    );
    if (!faceApiHead) {
      const { fc } = nets.expressions.params as unknown as { fc: Record<'weights' | 'bias', FaceApi.tf.Tensor> };
      faceApiHead = {
        version: 0,
        weights: Array.from(await fc.weights.data()),
        bias: Array.from(await fc.bias.data()),
      };
    }
    cnn ??= createExpressionCnn(faceapi.tf, await Promise.all(cnnWeightFiles().map(cnnBytes)));
    detail ??= createFaceDetail(faceapi.tf);
  }

  function combine(views: readonly ExpressionView[], overrides: Partial<AnalyzerConfig> = {}): EmotionProbabilities {
    if (!faceApiHead) throw new Error('Load the expression model before reading expressions');
    return combineViews(views, { ...DEFAULT_ANALYZER_CONFIG, ...overrides }, faceApiHead);
  }

  /** `threshold` overrides TinyFaceDetector's score threshold (the retry). */
  function options(config: AnalyzerConfig, threshold?: number) {
    return config.detector === 'ssd'
      ? new faceapi.SsdMobilenetv1Options({ minConfidence: config.ssdMinConfidence })
      : new faceapi.TinyFaceDetectorOptions({
          inputSize: config.tinyInputSize,
          scoreThreshold: threshold ?? config.tinyScoreThreshold,
        });
  }

  /**
   * Every face at the detector's threshold; failing that (tiny only), the best one at `tinyRetryThreshold`; failing
   * that, every face the fallback detector finds.
   */
  async function detect(input: AnalyzerInput, config: AnalyzerConfig): Promise<FaceApi.FaceDetection[]> {
    // Each look keeps only boxes mostly in the frame: one drawn around nothing must not end the looks either.
    const inFrame = (found: FaceApi.FaceDetection[]) =>
      found.filter((d) => offFrameShare(d.relativeBox) <= config.maxOffFrame);
    const found = inFrame(await faceapi.detectAllFaces(input, options(config)));
    if (found.length > 0 || config.detector !== 'tiny') return found;
    if (config.tinyRetryThreshold < config.tinyScoreThreshold) {
      const retry = inFrame(await faceapi.detectAllFaces(input, options(config, config.tinyRetryThreshold)));
      if (retry.length > 0) return retry.sort((a, b) => b.score - a.score).slice(0, 1);
    }
    if (!config.fallbackDetector) return [];
    await load([config.fallbackDetector]);
    return inFrame(await faceapi.detectAllFaces(input, options({ ...config, detector: config.fallbackDetector })));
  }

  async function predictViews(input: AnalyzerInput, overrides: Partial<AnalyzerConfig> = {}): Promise<FaceViews[]> {
    return (await viewsRead(input, overrides)).views;
  }

  async function viewsRead(
    input: AnalyzerInput,
    overrides: Partial<AnalyzerConfig>,
  ): Promise<{ views: FaceViews[]; found: number }> {
    const config = { ...DEFAULT_ANALYZER_CONFIG, ...overrides };
    await load([config.detector]);
    const area = (d: FaceApi.FaceDetection) => d.box.width * d.box.height;
    const all = await detect(input, config);
    const detections = all.sort((a, b) => area(b) - area(a)).slice(0, config.maxFaces);
    if (detections.length === 0) return { views: [], found: 0 };
    // The crops face-api's withFaceExpressions would take from a tensor, so the unmirrored view is face-api's own.
    const isTensor = typeof input === 'object' && input !== null && 'dataId' in input && 'shape' in input;
    const image = (isTensor ? input : faceapi.tf.browser.fromPixels(input as HTMLCanvasElement)) as FaceApi.tf.Tensor3D;
    const crops = await faceapi.extractFaceTensors(image, detections);
    try {
      const out: FaceViews[] = [];
      const [height, width] = image.shape;
      for (const [i, crop] of crops.entries()) {
        const box = detections[i]!.box;
        const measured = await detailOf(crop);
        const cut = config.bandCut;
        const band = cut && measured >= cut.minDetail ? bandOf(box, width, height, cut) : null;
        const views = band ? await readBand(image, band, config, measured) : await viewsOf(crop, config, measured);
        out.push({
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
          score: detections[i]!.score,
          detail: views[0]!.detail,
          views,
        });
      }
      return { views: out, found: all.length };
    } finally {
      for (const crop of crops) crop.dispose();
      if (!isTensor) image.dispose();
    }
  }

  /**
   * FaceExpressionNet's 256-d features of a crop: everything face-api's predictExpressions computes but its last
   * layer, so face-api's head and Moodreel's read the same numbers.
   */
  async function featuresOf(crop: FaceApi.tf.Tensor3D): Promise<Float32Array> {
    const features = await nets.expressions.faceFeatureExtractor.forward(crop);
    try {
      // data() already hands back a fresh copy of a float32 tensor.
      return (await features.data()) as Float32Array;
    } finally {
      features.dispose();
    }
  }

  async function detailOf(crop: FaceApi.tf.Tensor3D): Promise<number> {
    if (!detail) throw new Error('Load the expression models before reading expressions');
    return detail.of(crop);
  }

  /** The views of a face read from its band; the detail stays its box's, which chose the band. */
  async function readBand(
    image: FaceApi.tf.Tensor3D,
    band: Box,
    config: AnalyzerConfig,
    measured: number,
  ): Promise<ExpressionView[]> {
    const rect = new faceapi.Rect(band.x, band.y, band.width, band.height);
    const [cut] = await faceapi.extractFaceTensors(image, [rect]);
    try {
      return await viewsOf(cut!, config, measured);
    } finally {
      cut!.dispose();
    }
  }

  async function readViews(
    crop: FaceApi.tf.Tensor3D,
    overrides: Partial<AnalyzerConfig> = {},
  ): Promise<ExpressionView[]> {
    return viewsOf(crop, { ...DEFAULT_ANALYZER_CONFIG, ...overrides }, await detailOf(crop));
  }

  /** The views of a crop whose detail is measured (mirroring leaves the detail as it is: measured once per face). */
  async function viewsOf(
    crop: FaceApi.tf.Tensor3D,
    config: AnalyzerConfig,
    measured: number,
  ): Promise<ExpressionView[]> {
    const withCnn = config.cnn !== 'off';
    const views = [await viewOf(crop, withCnn, config.cnnMirror, measured)];
    if (config.mirror) {
      const mirrored = mirrorImage(faceapi.tf, crop);
      try {
        // With cnnMirror the CNN has already read this image beside the crop: its reading is the same, not run again.
        const again = !config.cnnMirror;
        const view = await viewOf(mirrored, withCnn && again, false, measured);
        views.push(again ? view : { ...view, cnn: views[0]!.cnn });
      } finally {
        mirrored.dispose();
      }
    }
    return views;
  }

  async function viewOf(
    crop: FaceApi.tf.Tensor3D,
    withCnn: boolean,
    cnnMirror: boolean,
    detail: number,
  ): Promise<ExpressionView> {
    if (!cnn) throw new Error('Load the expression models before reading expressions');
    return { features: await featuresOf(crop), cnn: withCnn ? await cnn.logits(crop, cnnMirror) : null, detail };
  }

  async function read(input: AnalyzerInput, overrides: Partial<AnalyzerConfig> = {}): Promise<FacesRead> {
    const config = { ...DEFAULT_ANALYZER_CONFIG, ...overrides };
    const { views: faces, found } = await viewsRead(input, config);
    return { faces: faces.map(({ views, ...face }) => ({ ...face, expressions: combine(views, config) })), found };
  }

  return {
    load,
    isLoaded: (detector) => nets[detector].isLoaded && nets.expressions.isLoaded && cnn !== null,
    predict: async (input, overrides) => (await read(input, overrides)).faces,
    read,
    predictViews,
    readViews,
    combine,
    faceApiHead() {
      if (!faceApiHead) throw new Error('Load the expression model first');
      return faceApiHead;
    },
    dispose() {
      for (const net of Object.values(nets)) if (net.isLoaded) net.dispose();
      faceApiHead = null;
      cnn?.dispose();
      cnn = null;
      detail?.dispose();
      detail = null;
    },
  };
}
