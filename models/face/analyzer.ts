/**
 * Face detection plus expression recognition on face-api. The face-api module is passed in, so the same code runs
 * on the browser build (extension) and the Node wasm build (scripts, evaluation).
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { EmotionProbabilities } from '../mood/emotions';
import type { Face } from '../mood/faces';
import { calibrate } from './calibration';
import { DEFAULT_ANALYZER_CONFIG, type AnalyzerConfig, type DetectorKind } from './config';
import { headPredict, MOODREEL_HEAD, type ExpressionHead } from './expression-head';

export type FaceApiModule = typeof FaceApi;

/** A detected face with FaceExpressionNet's 256-d features of each view (the crop, then its mirror image). */
export interface FaceViews extends Omit<Face, 'expressions'> {
  views: Float32Array[];
}

type ViewConfig = Pick<AnalyzerConfig, 'head' | 'calibrate' | 'mirror'>;

/**
 * One face's expressions from its views' features: the crop's, or with `mirror` the mean over the crop and its
 * mirror image (test-time augmentation), read by the configured head. face-api's own head (its last layer) is
 * followed by the class calibration when `calibrate`; Moodreel's head needs none (it learned the class balance).
 */
export function combineViews(
  views: readonly Float32Array[],
  config: ViewConfig,
  faceApiHead: ExpressionHead,
): EmotionProbabilities {
  const used = config.mirror ? views : views.slice(0, 1);
  if (config.head === 'moodreel') return headPredict(MOODREEL_HEAD, used);
  const p = headPredict(faceApiHead, used);
  return config.calibrate ? calibrate(p) : p;
}
export type AnalyzerInput = FaceApi.TNetInput;

export interface FaceAnalyzer {
  /** Loads the expression net and the given detectors from `modelUri` (a folder or URL); loaded nets are kept. */
  load(detectors: readonly DetectorKind[]): Promise<void>;
  isLoaded(detector: DetectorKind): boolean;
  /** Every face in the input, largest first, at most `config.maxFaces`. */
  predict(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<Face[]>;
  /**
   * The same faces with the expression features per view (the crop, then its mirror image when `config.mirror`),
   * before a head reads them: for measuring each step (`eval:emotion`).
   */
  predictViews(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<FaceViews[]>;
  /** A face's expressions from its views, as `predict` reads them (after `load`). */
  combine(views: readonly Float32Array[], config?: Partial<AnalyzerConfig>): EmotionProbabilities;
  /** Frees every loaded net's weights. */
  dispose(): void;
}

/** Where the weights come from: a URL folder (browser) or a folder on disk (Node). */
export type ModelSource = { uri: string } | { disk: string };

export function createFaceAnalyzer(faceapi: FaceApiModule, source: ModelSource | string): FaceAnalyzer {
  const from: ModelSource = typeof source === 'string' ? { uri: source } : source;
  const nets = {
    tiny: faceapi.nets.tinyFaceDetector,
    ssd: faceapi.nets.ssdMobilenetv1,
    expressions: faceapi.nets.faceExpressionNet,
  };

  /** face-api's own head (FaceExpressionNet's last layer), read from its weights once they are loaded. */
  let faceApiHead: ExpressionHead | null = null;

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
  }

  function combine(views: readonly Float32Array[], overrides: Partial<AnalyzerConfig> = {}): EmotionProbabilities {
    if (!faceApiHead) throw new Error('Load the expression model before reading expressions');
    return combineViews(views, { ...DEFAULT_ANALYZER_CONFIG, ...overrides }, faceApiHead);
  }

  /** `threshold` overrides TinyFaceDetector's score threshold (the retry). */
  function options(config: AnalyzerConfig, threshold?: number) {
    return config.detector === 'ssd'
      ? new faceapi.SsdMobilenetv1Options({ minConfidence: config.ssdMinConfidence, maxResults: config.maxFaces * 2 })
      : new faceapi.TinyFaceDetectorOptions({
          inputSize: config.tinyInputSize,
          scoreThreshold: threshold ?? config.tinyScoreThreshold,
        });
  }

  /** Every face at the detector's threshold; failing that (tiny only), the best one at `tinyRetryThreshold`. */
  async function detect(input: AnalyzerInput, config: AnalyzerConfig): Promise<FaceApi.FaceDetection[]> {
    const found = await faceapi.detectAllFaces(input, options(config));
    if (found.length > 0 || config.detector !== 'tiny' || config.tinyRetryThreshold >= config.tinyScoreThreshold)
      return found;
    const retry = await faceapi.detectAllFaces(input, options(config, config.tinyRetryThreshold));
    return retry.sort((a, b) => b.score - a.score).slice(0, 1);
  }

  async function predictViews(input: AnalyzerInput, overrides: Partial<AnalyzerConfig> = {}): Promise<FaceViews[]> {
    const config = { ...DEFAULT_ANALYZER_CONFIG, ...overrides };
    await load([config.detector]);
    const area = (d: FaceApi.FaceDetection) => d.box.width * d.box.height;
    const detections = (await detect(input, config)).sort((a, b) => area(b) - area(a)).slice(0, config.maxFaces);
    if (detections.length === 0) return [];
    // The crops face-api's withFaceExpressions would take from a tensor, so the unmirrored view is face-api's own.
    const isTensor = typeof input === 'object' && input !== null && 'dataId' in input && 'shape' in input;
    const image = (isTensor ? input : faceapi.tf.browser.fromPixels(input as HTMLCanvasElement)) as FaceApi.tf.Tensor3D;
    const crops = await faceapi.extractFaceTensors(image, detections);
    try {
      const out: FaceViews[] = [];
      for (const [i, crop] of crops.entries()) {
        const views = [await featuresOf(crop)];
        if (config.mirror) {
          const mirrored = mirror(crop);
          try {
            views.push(await featuresOf(mirrored));
          } finally {
            mirrored.dispose();
          }
        }
        const box = detections[i]!.box;
        out.push({
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
          score: detections[i]!.score,
          views,
        });
      }
      return out;
    } finally {
      for (const crop of crops) crop.dispose();
      if (!isTensor) image.dispose();
    }
  }

  /** face-api's tf typings omit `reverse`; the engine behind them has it. */
  function mirror(crop: FaceApi.tf.Tensor3D): FaceApi.tf.Tensor3D {
    const tf = faceapi.tf as unknown as { reverse(t: FaceApi.tf.Tensor3D, axis: number): FaceApi.tf.Tensor3D };
    return tf.reverse(crop, 1);
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

  async function predict(input: AnalyzerInput, overrides: Partial<AnalyzerConfig> = {}): Promise<Face[]> {
    const config = { ...DEFAULT_ANALYZER_CONFIG, ...overrides };
    return (await predictViews(input, config)).map(({ views, ...face }) => ({
      ...face,
      expressions: combine(views, config),
    }));
  }

  return {
    load,
    isLoaded: (detector) => nets[detector].isLoaded && nets.expressions.isLoaded,
    predict,
    predictViews,
    combine,
    dispose() {
      for (const net of Object.values(nets)) if (net.isLoaded) net.dispose();
      faceApiHead = null;
    },
  };
}
