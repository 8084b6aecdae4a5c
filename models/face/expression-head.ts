/**
 * An expression head: a softmax layer over FaceExpressionNet's 256-d face features (face-api's own last layer, read
 * from its weights; Moodreel's trained one is an experiment kept in scripts/). Pure math: the features come from
 * face-api.
 */
import { EMOTIONS } from '../mood/emotions';

export interface ExpressionHead {
  version: number;
  /** Row-major 256 × 7 (features × EMOTIONS order). */
  weights: number[];
  bias: number[];
}

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
