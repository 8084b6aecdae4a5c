/** Dense linear algebra for small symmetric systems (k ≤ ~128), row-major Float64Arrays. */

/** Solves A x = b for symmetric positive-definite A (k×k) by Cholesky; A and b are left untouched. */
export function solveSpd(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j]!;
      for (let p = 0; p < j; p++) sum -= l[i * k + p]! * l[j * k + p]!;
      if (i === j) l[i * k + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * k + j] = sum / l[j * k + j]!;
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let p = 0; p < i; p++) sum -= l[i * k + p]! * y[p]!;
    y[i] = sum / l[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let p = i + 1; p < k; p++) sum -= l[p * k + i]! * x[p]!;
    x[i] = sum / l[i * k + i]!;
  }
  return x;
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
