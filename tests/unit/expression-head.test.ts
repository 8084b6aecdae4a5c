import { describe, expect, it } from 'vitest';
import { combineViews, type ExpressionView } from '../../models/face/analyzer';
import { calibrate } from '../../models/face/calibration';
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import { headLogits, type ExpressionHead } from '../../models/face/expression-head';
import { MOODREEL_HEAD, readExperiment } from '../../scripts/lib/experiments';
import { softmax } from '../../models/probability';
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

/** A view with these leading features and CNN logits (all zero: a CNN that cannot tell). */
function view(values: number[], cnn: number[] = EMOTIONS.map(() => 0)): ExpressionView {
  return { features: features(values), cnn: Float32Array.from(cnn), detail: 7 };
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

  it('averages the probabilities of the views it is given (mirror TTA)', () => {
    const head = identityHead();
    const views = [view([4, 0, 0, 0, 0, 0, 0]), view([0, 4, 0, 0, 0, 0, 0])];
    const mean = combineViews(views, { calibrate: false, mirror: true, cnn: 'off' }, head);
    expect(mean.neutral).toBeCloseTo(mean.happy, 12);
    expect(mean.neutral).toBeGreaterThan(0.4);
    expect(EMOTIONS.reduce((s, e) => s + mean[e], 0)).toBeCloseTo(1, 12);
    const first = combineViews(views, { calibrate: false, mirror: false, cnn: 'off' }, head);
    expect(first.neutral).toBeGreaterThan(0.8);
  });

  it('and face-api’s head read the same features; face-api’s is calibrated, then blended with the CNN', () => {
    expect(DEFAULT_ANALYZER_CONFIG).toMatchObject({ calibrate: true, cnn: 'blend' });
    const faceApi = identityHead();
    const views = [view([1, 3, 0, 0, 0, 0, 0]), view([3, 1, 0, 0, 0, 0, 0])];
    const ours = readExperiment(views, { head: 'moodreel', calibrate: true, mirror: false, cnn: 'off' }, faceApi);
    expect(EMOTIONS.map((e) => ours[e])).toEqual(softmax(headLogits(MOODREEL_HEAD, views[0]!.features)));
    const raw = combineViews(views, { calibrate: false, mirror: false, cnn: 'off' }, faceApi);
    expect(raw.happy).toBeGreaterThan(raw.neutral);
    const calibrated = combineViews(views, { calibrate: true, mirror: false, cnn: 'off' }, faceApi);
    for (const e of EMOTIONS) expect(calibrated[e]).toBeCloseTo(calibrate(raw)[e], 12);
  });
});
