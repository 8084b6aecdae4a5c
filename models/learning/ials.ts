/**
 * Implicit-feedback ALS (Hu, Koren & Volinsky, "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008),
 * optionally with the frequency-scaled regularisation of Rendle et al. (2022, "Revisiting the Performance of iALS on
 * Item Recommendation Benchmarks"); hyper-parameters are tuned on validation users (`npm run recs:tune`), which on
 * MovieLens preferred a constant λ and 128 factors. Training (offline, scripts) and the closed-form fold-in of one
 * user (on device) share this code.
 *
 * Every observed (user, item) pair is a positive with confidence 1 + alpha·weight; unobserved pairs are negatives
 * with confidence 1 (computed implicitly through the Gram matrix, so the cost is linear in the observations).
 */
import { cholesky, choleskyRankOneUpdate, gram, rng, solveCholesky, solveSpd } from './linalg';

export interface IalsParams {
  factors: number;
  /**
   * L2 weight λ on the factors. A row's penalty is λ·(total confidence of its row)^regExponent, where the total
   * confidence is n_other + alpha·Σweight (every unobserved cell counts 1): with exponent 1 this is Rendle et al.'s
   * frequency scaling, so a title seen by thousands is not shrunk like one seen by five; 0 is a constant λ.
   */
  regularization: number;
  /** ν of the frequency scaling above; absent in files written before it existed, which means 0. */
  regExponent?: number;
  /** Confidence slope: an observation counts 1 + alpha·weight. */
  alpha: number;
  iterations: number;
  seed: number;
}

export const DEFAULT_IALS_PARAMS: IalsParams = {
  factors: 128,
  regularization: 10,
  alpha: 1,
  regExponent: 0,
  iterations: 12,
  seed: 7,
};

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
  params: Pick<IalsParams, 'regularization' | 'alpha' | 'regExponent'>,
  base: Float64Array | null = null,
): Float64Array {
  if (base && (params.regExponent ?? 0) === 0) return solveRowFromBase(row, f, base, k, params);
  const a = Float64Array.from(g);
  const b = new Float64Array(k);
  const lambda = rowRegularization(row, f.length / k, params);
  for (let i = 0; i < k; i++) a[i * k + i] = a[i * k + i]! + lambda;
  for (let n = 0; n < row.index.length; n++) {
    const o = row.index[n]! * k;
    const c = 1 + params.alpha * row.weight[n]!;
    const p = row.preference?.[n] ?? 1;
    for (let i = 0; i < k; i++) {
      const fi = f[o + i]!;
      b[i] = b[i]! + c * p * fi;
      const s = (c - 1) * fi;
      if (s === 0) continue;
      // Lower triangle only: solveSpd reads no more.
      const io = i * k;
      for (let j = 0; j <= i; j++) a[io + j] = a[io + j]! + s * f[o + j]!;
    }
  }
  return solveSpd(a, b, k);
}

/**
 * The Cholesky factor of FᵀF + λI, shared by every fold-in when λ is the same for every row (regExponent 0); null
 * otherwise.
 */
export function foldInBase(
  g: Float64Array,
  k: number,
  params: Pick<IalsParams, 'regularization' | 'regExponent'>,
): Float64Array | null {
  if ((params.regExponent ?? 0) !== 0) return null;
  const a = Float64Array.from(g);
  for (let i = 0; i < k; i++) a[i * k + i] = a[i * k + i]! + params.regularization;
  return cholesky(a, k);
}

/**
 * `solveRow` from the shared factor: each observation is a rank-one update of it (O(k²) each) instead of a new
 * factorisation (O(k³)), which keeps an on-device feedback update under a millisecond at 128 factors.
 */
function solveRowFromBase(
  row: Row,
  f: ArrayLike<number>,
  base: Float64Array,
  k: number,
  params: Pick<IalsParams, 'alpha'>,
): Float64Array {
  const l = Float64Array.from(base);
  const b = new Float64Array(k);
  const x = new Float64Array(k);
  for (let n = 0; n < row.index.length; n++) {
    const o = row.index[n]! * k;
    const c = 1 + params.alpha * row.weight[n]!;
    const p = row.preference?.[n] ?? 1;
    const root = Math.sqrt(c - 1);
    for (let i = 0; i < k; i++) {
      const fi = f[o + i]!;
      b[i] = b[i]! + c * p * fi;
      x[i] = root * fi;
    }
    if (root > 0) choleskyRankOneUpdate(l, x, k);
  }
  return solveCholesky(l, b, k);
}

/** λ for one row: see `IalsParams.regularization`. */
export function rowRegularization(
  row: Row,
  nOther: number,
  params: Pick<IalsParams, 'regularization' | 'alpha' | 'regExponent'>,
): number {
  const nu = params.regExponent ?? 0;
  if (nu === 0) return params.regularization;
  let confidence = nOther;
  for (let n = 0; n < row.weight.length; n++) confidence += params.alpha * row.weight[n]!;
  return params.regularization * confidence ** nu;
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
  const negatives = rows.some((r) => r.preference !== undefined);
  const out = Array.from({ length: nCols }, (_, c) => ({
    index: new Int32Array(counts[c]!),
    weight: new Float32Array(counts[c]!),
    preference: negatives ? new Array<number>(counts[c]!) : undefined,
  }));
  const fill = new Int32Array(nCols);
  rows.forEach((r, u) => {
    for (let n = 0; n < r.index.length; n++) {
      const c = r.index[n]!;
      const at = fill[c]!;
      fill[c] = at + 1;
      out[c]!.index[at] = u;
      out[c]!.weight[at] = r.weight[n]!;
      if (out[c]!.preference) out[c]!.preference[at] = r.preference?.[n] ?? 1;
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
