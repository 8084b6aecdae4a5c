/** Nearest neighbours by cosine similarity among n vectors of k dimensions (brute force: fine for ~10⁴ items). */
export interface Neighbours {
  /** For each vector, the indexes of its `count` nearest others, most similar first. */
  index: Int32Array;
  similarity: Float32Array;
  count: number;
}

export function cosineNeighbours(vectors: Float32Array, n: number, k: number, count: number): Neighbours {
  const unit = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < k; d++) norm += vectors[i * k + d]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < k; d++) unit[i * k + d] = vectors[i * k + d]! * inv;
  }
  const index = new Int32Array(n * count).fill(-1);
  const similarity = new Float32Array(n * count).fill(-Infinity);
  const sims = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let d = 0; d < k; d++) s += unit[i * k + d]! * unit[j * k + d]!;
      sims[j] = s;
    }
    sims[i] = -Infinity;
    // Keep the top `count` by insertion into a small sorted list.
    const o = i * count;
    for (let j = 0; j < n; j++) {
      const s = sims[j]!;
      if (s <= similarity[o + count - 1]!) continue;
      let p = count - 1;
      while (p > 0 && similarity[o + p - 1]! < s) {
        similarity[o + p] = similarity[o + p - 1]!;
        index[o + p] = index[o + p - 1]!;
        p--;
      }
      similarity[o + p] = s;
      index[o + p] = j;
    }
  }
  return { index, similarity, count };
}
