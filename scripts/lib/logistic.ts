/**
 * Logistic regression by Newton's method, for the small offline fits (the tone model, the stated chance, look:eval's
 * check): the weights minimising Σₙ cₙ · log-loss(σ(w·xₙ), yₙ) + ½ Σᵢ λᵢ (wᵢ − w₀ᵢ)². The rows carry their own bias
 * column wherever the caller puts it; give it a penalty of 0 (or a faint one) to leave it free.
 */
import { solveSpd } from '../../models/learning/linalg';
import { sigmoid } from '../../models/probability';

export interface LogisticOptions {
  /** λᵢ: the L2 penalty on each weight. */
  penalty: readonly number[];
  /** w₀ᵢ: where each weight is pulled (and where Newton starts); 0 when absent. */
  prior?: readonly number[];
  /** cₙ: each row's weight; 1 when absent. */
  rowWeights?: readonly number[];
}

export function fitLogistic(
  x: readonly ArrayLike<number>[],
  y: readonly number[],
  { penalty, prior, rowWeights }: LogisticOptions,
): Float64Array {
  const d = penalty.length;
  const w = Float64Array.from({ length: d }, (_, i) => prior?.[i] ?? 0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    x.forEach((xi, n) => {
      let z = 0;
      for (let i = 0; i < d; i++) z += w[i]! * xi[i]!;
      const p = sigmoid(z);
      const c = rowWeights?.[n] ?? 1;
      const r = c * (p - y[n]!);
      const s = c * p * (1 - p);
      for (let i = 0; i < d; i++) {
        if (xi[i] === 0) continue;
        grad[i] = grad[i]! + r * xi[i]!;
        for (let j = 0; j < d; j++) hess[i * d + j] = hess[i * d + j]! + s * xi[i]! * xi[j]!;
      }
    });
    for (let i = 0; i < d; i++) {
      grad[i] = grad[i]! + penalty[i]! * (w[i]! - (prior?.[i] ?? 0));
      hess[i * d + i] = hess[i * d + i]! + penalty[i]!;
    }
    const step = solveSpd(hess, grad, d);
    let size = 0;
    for (let i = 0; i < d; i++) {
      w[i] = w[i]! - step[i]!;
      size = Math.max(size, Math.abs(step[i]!));
    }
    if (size < 1e-10) break;
  }
  return w;
}

/** Mean log-loss of probabilities `p` for labels `y` (0 or 1), each probability kept within [eps, 1 − eps]. */
export function logLoss(p: readonly number[], y: readonly number[], eps = 1e-9): number {
  let sum = 0;
  p.forEach((pk, k) => (sum -= Math.log(Math.min(1 - eps, Math.max(eps, y[k] ? pk : 1 - pk)))));
  return sum / p.length;
}
