/**
 * Face detection plus expression recognition on face-api. The face-api module is passed in, so the same code runs
 * on the browser build (extension) and the Node wasm build (scripts, evaluation).
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { EMOTIONS, type EmotionProbabilities } from '../mood/emotions';
import type { Face } from '../mood/faces';
import { calibrate } from './calibration';
import { DEFAULT_ANALYZER_CONFIG, type AnalyzerConfig, type DetectorKind } from './config';

export type FaceApiModule = typeof FaceApi;

export interface FaceViews extends Omit<Face, 'expressions'> {
  views: EmotionProbabilities[];
}

/**
 * One face's expressions from its views: the crop's, or with `mirror` the mean over the crop and its mirror image
 * (test-time augmentation; faces are near-symmetric, the net is not), then the class calibration when `calibrate`.
 */
export function combineViews(
  views: readonly EmotionProbabilities[],
  config: Pick<AnalyzerConfig, 'calibrate' | 'mirror'>,
) {
  const used = config.mirror ? views : views.slice(0, 1);
  const mean = {} as EmotionProbabilities;
  for (const e of EMOTIONS) mean[e] = used.reduce((sum, v) => sum + v[e], 0) / used.length;
  return config.calibrate ? calibrate(mean) : mean;
}
export type AnalyzerInput = FaceApi.TNetInput;

export interface FaceAnalyzer {
  /** Loads the expression net and the given detectors from `modelUri` (a folder or URL); loaded nets are kept. */
  load(detectors: readonly DetectorKind[]): Promise<void>;
  isLoaded(detector: DetectorKind): boolean;
  /** Every face in the input, largest first, at most `config.maxFaces`. */
  predict(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<Face[]>;
  /**
   * The same faces with face-api's raw expressions per view (the crop, then its mirror image when `config.mirror`),
   * before they are combined: for measuring each step (`eval:emotion`).
   */
  predictViews(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<FaceViews[]>;
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

  async function load(detectors: readonly DetectorKind[]): Promise<void> {
    const wanted = [nets.expressions, ...detectors.map((d) => nets[d])];
    await Promise.all(
      wanted
        .filter((net) => !net.isLoaded)
        .map((net) => ('disk' in from ? net.loadFromDisk(from.disk) : net.loadFromUri(from.uri))),
    );
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
        const views = [await expressionsOf(crop)];
        if (config.mirror) {
          const mirrored = mirror(crop);
          try {
            views.push(await expressionsOf(mirrored));
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

  async function expressionsOf(crop: FaceApi.tf.Tensor3D): Promise<EmotionProbabilities> {
    const p = (await nets.expressions.predictExpressions(crop)) as FaceApi.FaceExpressions;
    return toProbabilities(p as unknown as Record<(typeof EMOTIONS)[number], number>);
  }

  async function predict(input: AnalyzerInput, overrides: Partial<AnalyzerConfig> = {}): Promise<Face[]> {
    const config = { ...DEFAULT_ANALYZER_CONFIG, ...overrides };
    return (await predictViews(input, config)).map(({ views, ...face }) => ({
      ...face,
      expressions: combineViews(views, config),
    }));
  }

  return {
    load,
    isLoaded: (detector) => nets[detector].isLoaded && nets.expressions.isLoaded,
    predict,
    predictViews,
    dispose() {
      for (const net of Object.values(nets)) if (net.isLoaded) net.dispose();
    },
  };
}

function toProbabilities(expressions: Record<(typeof EMOTIONS)[number], number>): EmotionProbabilities {
  const out = {} as EmotionProbabilities;
  for (const e of EMOTIONS) out[e] = expressions[e];
  return out;
}
