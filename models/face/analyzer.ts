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
export type AnalyzerInput = FaceApi.TNetInput;

export interface FaceAnalyzer {
  /** Loads the expression net and the given detectors from `modelUri` (a folder or URL); loaded nets are kept. */
  load(detectors: readonly DetectorKind[]): Promise<void>;
  isLoaded(detector: DetectorKind): boolean;
  /** Every face in the input, largest first, at most `config.maxFaces`. */
  predict(input: AnalyzerInput, config?: Partial<AnalyzerConfig>): Promise<Face[]>;
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

  function options(config: AnalyzerConfig) {
    return config.detector === 'ssd'
      ? new faceapi.SsdMobilenetv1Options({ minConfidence: config.ssdMinConfidence, maxResults: config.maxFaces * 2 })
      : new faceapi.TinyFaceDetectorOptions({
          inputSize: config.tinyInputSize,
          scoreThreshold: config.tinyScoreThreshold,
        });
  }

  async function predict(input: AnalyzerInput, overrides: Partial<AnalyzerConfig> = {}): Promise<Face[]> {
    const config = { ...DEFAULT_ANALYZER_CONFIG, ...overrides };
    await load([config.detector]);
    const results = await faceapi.detectAllFaces(input, options(config)).withFaceExpressions();
    return results
      .map((r) => ({
        box: {
          x: r.detection.box.x,
          y: r.detection.box.y,
          width: r.detection.box.width,
          height: r.detection.box.height,
        },
        score: r.detection.score,
        expressions: config.calibrate ? calibrate(toProbabilities(r.expressions)) : toProbabilities(r.expressions),
      }))
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)
      .slice(0, config.maxFaces);
  }

  return {
    load,
    isLoaded: (detector) => nets[detector].isLoaded && nets.expressions.isLoaded,
    predict,
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
