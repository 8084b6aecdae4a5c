/** Turning scores into probabilities, in one place for every model of the core. */

/** Probabilities from logits (numerically stable: the largest logit is subtracted first). */
export function softmax(logits: ArrayLike<number>): number[] {
  return logSoftmax(logits).map(Math.exp);
}

/** Log-probabilities from logits. */
export function logSoftmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const log = max + Math.log(sum);
  return Array.from(logits, (l) => l - log);
}

/** The log-odds of a probability, kept finite at 0 and 1. */
export function logit(p: number): number {
  const x = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(x / (1 - x));
}

/** The logistic function: a probability from one logit. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
