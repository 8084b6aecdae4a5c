/**
 * Evaluation baselines over a dense binary user × item matrix of training positives: popularity, item-kNN (cosine)
 * and EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW). Evaluation-only code.
 */

/** G = XᵀX for users' item lists over n items (co-occurrence counts). */
/** XᵀX of the users × items matrix: X binary, or X[u][items[k]] = values[u][k] when `values` is given. */
export function cooccurrence(users: readonly number[][], n: number, values?: readonly number[][]): Float64Array {
  const g = new Float64Array(n * n);
  users.forEach((items, u) => {
    const v = values?.[u];
    for (let a = 0; a < items.length; a++) {
      const ia = items[a]! * n;
      const va = v ? v[a]! : 1;
      for (let b = 0; b < items.length; b++) g[ia + items[b]!] = g[ia + items[b]!]! + va * (v ? v[b]! : 1);
    }
  });
  return g;
}

export function popularityScores(g: Float64Array, n: number): Float64Array {
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = g[i * n + i]!;
  return s;
}

/** Cosine similarity between item columns. */
export function cosineMatrix(g: Float64Array, n: number): Float64Array {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const d = Math.sqrt(g[i * n + i]! * g[j * n + j]!);
      s[i * n + j] = i === j || d === 0 ? 0 : g[i * n + j]! / d;
    }
  return s;
}

/** In-place Gauss–Jordan inverse of a symmetric positive-definite matrix (no pivoting needed). */
function invertSpd(a: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    const p = a[c * n + c]!;
    for (let j = 0; j < n; j++) {
      a[c * n + j] = a[c * n + j]! / p;
      inv[c * n + j] = inv[c * n + j]! / p;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        a[r * n + j] = a[r * n + j]! - f * a[c * n + j]!;
        inv[r * n + j] = inv[r * n + j]! - f * inv[c * n + j]!;
      }
    }
  }
  return inv;
}

/** EASE weights B = I − P·diag(1/diag(P)), P = (G + λI)⁻¹, with a zero diagonal. */
export function easeWeights(g: Float64Array, n: number, lambda: number): Float64Array {
  const a = Float64Array.from(g);
  for (let i = 0; i < n; i++) a[i * n + i] = a[i * n + i]! + lambda;
  const p = invertSpd(a, n);
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i * n + j] = i === j ? 0 : -p[i * n + j]! / p[j * n + j]!;
  return b;
}

/** Scores of every item for a user who has `items`: Σ rows of an item × item matrix. */
export function itemItemScores(w: Float64Array, n: number, items: readonly number[]): Float64Array {
  const s = new Float64Array(n);
  for (const i of items) for (let j = 0; j < n; j++) s[j] = s[j]! + w[i * n + j]!;
  return s;
}
