/**
 * Moodreel's own expression head: a softmax layer over FaceExpressionNet's 256-d face features, trained by
 * `npm run train:emotion` on FER2013 Train (never on PublicTest). Pure math: the features come from face-api.
 */
import { EMOTIONS } from '../mood/emotions';
import trained from './expression-head.json';

export interface ExpressionHead {
  version: number;
  /** Row-major 256 × 7 (features × EMOTIONS order). */
  weights: number[];
  bias: number[];
}

/**
 * The head `train:emotion` wrote (7 × 256 weights, 7 biases, about 19 KB of JSON), read when the analyzer's `head` is
 * 'moodreel'; the extension keeps face-api's head by default (see models/face/config.ts).
 */
export const MOODREEL_HEAD: ExpressionHead = trained as ExpressionHead;

export function headLogits(head: ExpressionHead, features: ArrayLike<number>): number[] {
  const k = EMOTIONS.length;
  const logits = head.bias.slice();
  for (let f = 0; f < features.length; f++) {
    const x = features[f]!;
    if (x === 0) continue;
    for (let c = 0; c < k; c++) logits[c] = logits[c]! + x * head.weights[f * k + c]!;
  }
  return logits;
}
