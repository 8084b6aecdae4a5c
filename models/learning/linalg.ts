/** Dense linear algebra for small symmetric systems (k ≤ ~128), row-major Float64Arrays. */

/** The lower Cholesky factor L of symmetric positive-definite A (k×k, A = LLᵀ); only A's lower triangle is read. */
export function cholesky(a: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const io = i * k;
    for (let j = 0; j <= i; j++) {
      const jo = j * k;
      // Four partial sums: the dot product is the whole cost at k = 128, and V8 pipelines independent adds.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p = 0;
      for (; p + 3 < j; p += 4) {
        s0 += l[io + p]! * l[jo + p]!;
        s1 += l[io + p + 1]! * l[jo + p + 1]!;
        s2 += l[io + p + 2]! * l[jo + p + 2]!;
        s3 += l[io + p + 3]! * l[jo + p + 3]!;
      }
      for (; p < j; p++) s0 += l[io + p]! * l[jo + p]!;
      const sum = a[io + j]! - (s0 + s1 + s2 + s3);
      if (i === j) l[io + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[io + j] = sum / l[jo + j]!;
    }
  }
  return l;
}

/**
 * Turns L (in place) into the Cholesky factor of LLᵀ + xxᵀ; x is used up. O(k²), against O(k³) for a fresh
 * factorisation: the fold-in adds one such term per observed title.
 */
export function choleskyRankOneUpdate(l: Float64Array, x: Float64Array, k: number): void {
  for (let c = 0; c < k; c++) {
    const lcc = l[c * k + c]!;
    const xc = x[c]!;
    if (xc === 0) continue;
    const r = Math.sqrt(lcc * lcc + xc * xc);
    const cos = r / lcc;
    const sin = xc / lcc;
    l[c * k + c] = r;
    for (let i = c + 1; i < k; i++) {
      const lic = (l[i * k + c]! + sin * x[i]!) / cos;
      l[i * k + c] = lic;
      x[i] = cos * x[i]! - sin * lic;
    }
  }
}

/** Solves LLᵀ x = b for a lower Cholesky factor L. */
export function solveCholesky(l: Float64Array, b: Float64Array, k: number): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const io = i * k;
    let sum = b[i]!;
    for (let p = 0; p < i; p++) sum -= l[io + p]! * y[p]!;
    y[i] = sum / l[io + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let p = i + 1; p < k; p++) sum -= l[p * k + i]! * x[p]!;
    x[i] = sum / l[i * k + i]!;
  }
  return x;
}

/** Solves A x = b for symmetric positive-definite A (k×k); A and b are left untouched, only A's lower half is read. */
export function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  return solveCholesky(cholesky(a, k), b, k);
}

/** Gram matrix FᵀF of n rows of k factors. */
export function gram(f: ArrayLike<number>, n: number, k: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let r = 0; r < n; r++) {
    const o = r * k;
    for (let i = 0; i < k; i++) {
      const fi = f[o + i]!;
      if (fi === 0) continue;
      for (let j = i; j < k; j++) g[i * k + j] = g[i * k + j]! + fi * f[o + j]!;
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) g[i * k + j] = g[j * k + i]!;
  return g;
}

/** A seeded PRNG (mulberry32): the same seed gives the same stream on every platform. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
