/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008)
 * with one constant L2 weight; its hyper-parameters were tuned on validation users as Rendle et al. (2022, "Revisiting
 * the Performance of iALS on Item Recommendation Benchmarks") advise (their frequency-scaled regularisation is not
 * used). Training (offline, scripts) and the closed-form fold-in of one user (on device) share this code.
 *
 * Every observed (user, item) pair is a positive with confidence 1 + alpha·weight; unobserved pairs are negatives
 * with confidence 1 (computed implicitly through the Gram matrix, so the cost is linear in the observations).
 */
import { gram, rng, solveSpd } from './linalg';

export interface IalsParams {
  factors: number;
  /** L2 weight λ on the factors. */
  regularization: number;
  /** Confidence slope: an observation counts 1 + alpha·weight. */
  alpha: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_IALS_PARAMS: IalsParams = { factors: 64, regularization: 15, alpha: 1, iterations: 12, seed: 7 };

/** One user's (or item's) observations: parallel arrays of the other side's indexes and weights. */
export interface Row {
  index: Int32Array | number[];
  weight: Float32Array | number[];
  /** 1 for a positive (the default), 0 for an explicit negative: confidence without preference. */
  preference?: number[];
}

/**
 * The factors of one row given the other side's factors `f` and their Gram matrix `g` = FᵀF:
 * x = (FᵀF + Fᵀ(C − I)F + λI)⁻¹ Fᵀ C p. This is the on-device fold-in for a user; a negative (p = 0) adds
 * confidence that the user does not want the item, pulling its score toward zero.
 */
export function solveRow(
  row: Row,
  f: ArrayLike<number>,
  g: Float64Array,
  k: number,
  params: Pick<IalsParams, 'regularization' | 'alpha'>,
): Float64Array {
  const a = Float64Array.from(g);
  const b = new Float64Array(k);
  for (let i = 0; i < k; i++) a[i * k + i] = a[i * k + i]! + params.regularization;
  for (let n = 0; n < row.index.length; n++) {
    const o = row.index[n]! * k;
    const c = 1 + params.alpha * row.weight[n]!;
    const p = row.preference?.[n] ?? 1;
    for (let i = 0; i < k; i++) {
      const fi = f[o + i]!;
      b[i] = b[i]! + c * p * fi;
      const s = (c - 1) * fi;
      if (s === 0) continue;
      for (let j = 0; j < k; j++) a[i * k + j] = a[i * k + j]! + s * f[o + j]!;
    }
  }
  return solveSpd(a, b, k);
}

export interface IalsModel {
  params: IalsParams;
  users: Float32Array;
  items: Float32Array;
  nUsers: number;
  nItems: number;
}

function transpose(rows: Row[], nCols: number): Row[] {
  const counts = new Int32Array(nCols);
  for (const r of rows) for (let n = 0; n < r.index.length; n++) counts[r.index[n]!] = counts[r.index[n]!]! + 1;
  const out: Row[] = Array.from({ length: nCols }, (_, c) => ({
    index: new Int32Array(counts[c]!),
    weight: new Float32Array(counts[c]!),
  }));
  const fill = new Int32Array(nCols);
  rows.forEach((r, u) => {
    for (let n = 0; n < r.index.length; n++) {
      const c = r.index[n]!;
      const at = fill[c]!;
      fill[c] = at + 1;
      (out[c]!.index as Int32Array)[at] = u;
      (out[c]!.weight as Float32Array)[at] = r.weight[n]!;
    }
  });
  return out;
}

function sweep(rows: Row[], other: Float32Array, nOther: number, target: Float32Array, params: IalsParams) {
  const k = params.factors;
  const g = gram(other, nOther, k);
  rows.forEach((row, r) => {
    const x = solveRow(row, other, g, k, params);
    target.set(x, r * k);
  });
}

/** Trains user and item factors from user rows; deterministic for a given seed. */
export function trainIals(
  userRows: Row[],
  nItems: number,
  params: IalsParams = DEFAULT_IALS_PARAMS,
  onIteration?: (i: number) => void,
): IalsModel {
  const k = params.factors;
  const nUsers = userRows.length;
  const random = rng(params.seed);
  const users = new Float32Array(nUsers * k);
  const items = new Float32Array(nItems * k);
  for (let i = 0; i < items.length; i++) items[i] = (random() - 0.5) * (0.1 / Math.sqrt(k));
  const itemRows = transpose(userRows, nItems);
  for (let it = 0; it < params.iterations; it++) {
    sweep(userRows, items, nItems, users, params);
    sweep(itemRows, users, nUsers, items, params);
    onIteration?.(it);
  }
  return { params, users, items, nUsers, nItems };
}

/** Dot product of row a of A and row b of B (both with k columns). */
export function dot(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += a[ai * k + i]! * b[bi * k + i]!;
  return s;
}
