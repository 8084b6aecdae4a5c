import { describe, expect, it } from 'vitest';
import { combineViews } from '../../models/face/analyzer';
import { calibrate } from '../../models/face/calibration';
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import {
  headLogits,
  headPredict,
  MOODREEL_HEAD,
  softmax,
  type ExpressionHead,
} from '../../models/face/expression-head';
import { EMOTIONS } from '../../models/mood/emotions';

const FEATURES = 256;
const K = EMOTIONS.length;

/** A head whose logit for class c is feature c (weights are the identity on the first K features) plus `bias`. */
function identityHead(bias: number[] = EMOTIONS.map(() => 0)): ExpressionHead {
  const weights = new Array<number>(FEATURES * K).fill(0);
  for (let c = 0; c < K; c++) weights[c * K + c] = 1;
  return { version: 0, weights, bias };
}

function features(values: number[]): Float32Array {
  const out = new Float32Array(FEATURES);
  out.set(values);
  return out;
}

describe("Moodreel's expression head", () => {
  it('ships 256 × 7 finite weights and 7 biases, trained away from zero', () => {
    expect(MOODREEL_HEAD.weights).toHaveLength(FEATURES * K);
    expect(MOODREEL_HEAD.bias).toHaveLength(K);
    expect([...MOODREEL_HEAD.weights, ...MOODREEL_HEAD.bias].every(Number.isFinite)).toBe(true);
    expect(MOODREEL_HEAD.weights.some((w) => w !== 0)).toBe(true);
  });

  it('reads features as logits = features · W + b (row-major features × emotions)', () => {
    const head = identityHead([0.5, 0, 0, 0, 0, 0, -0.5]);
    expect(headLogits(head, features([1, 2, 3, 4, 5, 6, 7]))).toEqual([1.5, 2, 3, 4, 5, 6, 6.5]);
    const p = softmax([0, Math.log(3)]);
    expect(p[1]! / p[0]!).toBeCloseTo(3, 12);
  });

  it('averages the probabilities of the views it is given', () => {
    const head = identityHead();
    const a = features([4, 0, 0, 0, 0, 0, 0]);
    const b = features([0, 4, 0, 0, 0, 0, 0]);
    const mean = headPredict(head, [a, b]);
    expect(mean.neutral).toBeCloseTo(mean.happy, 12);
    expect(EMOTIONS.reduce((s, e) => s + mean[e], 0)).toBeCloseTo(1, 12);
  });

  it('and face-api’s head read the same features; face-api’s is calibrated, the analyzer’s default', () => {
    expect(DEFAULT_ANALYZER_CONFIG).toMatchObject({ head: 'face-api', calibrate: true });
    const faceApi = identityHead();
    const views = [features([1, 3, 0, 0, 0, 0, 0]), features([3, 1, 0, 0, 0, 0, 0])];
    const ours = combineViews(views, { head: 'moodreel', calibrate: true, mirror: false }, faceApi);
    expect(ours).toEqual(headPredict(MOODREEL_HEAD, views.slice(0, 1)));
    const raw = combineViews(views, { head: 'face-api', calibrate: false, mirror: false }, faceApi);
    expect(raw.happy).toBeGreaterThan(raw.neutral);
    expect(combineViews(views, { head: 'face-api', calibrate: true, mirror: false }, faceApi)).toEqual(calibrate(raw));
    const mirrored = combineViews(views, { head: 'face-api', calibrate: false, mirror: true }, faceApi);
    expect(mirrored.happy).toBeCloseTo(mirrored.neutral, 12);
  });
});
