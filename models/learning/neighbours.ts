/** Nearest neighbours by cosine similarity among n vectors of k dimensions (brute force: fine for ~10⁴ items). */
export interface Neighbours {
  /** For each vector, the indexes of its `count` nearest others, most similar first. */
  index: Int32Array;
  similarity: Float32Array;
  count: number;
}

function unitRows(vectors: Float32Array, n: number, k: number): Float32Array {
  const unit = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < k; d++) norm += vectors[i * k + d]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < k; d++) unit[i * k + d] = vectors[i * k + d]! * inv;
  }
  return unit;
}

/** Keeps the `count` most similar of `sims` (by insertion into a small sorted list) in `index`/`similarity` at `o`. */
function keepTop(
  sims: Float32Array,
  rows: ArrayLike<number>,
  self: number,
  index: Int32Array,
  similarity: Float32Array,
  o: number,
  count: number,
): void {
  for (let c = 0; c < rows.length; c++) {
    const j = rows[c]!;
    const s = sims[c]!;
    if (j === self || s <= similarity[o + count - 1]!) continue;
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

/**
 * For each of the n vectors, its `count` nearest among the rows `among` (itself excluded), by cosine similarity.
 * Without `among`, among all n.
 */
export function cosineNeighbours(
  vectors: Float32Array,
  n: number,
  k: number,
  count: number,
  among: ArrayLike<number> = Int32Array.from({ length: n }, (_, i) => i),
): Neighbours {
  const unit = unitRows(vectors, n, k);
  const index = new Int32Array(n * count).fill(-1);
  const similarity = new Float32Array(n * count).fill(-Infinity);
  const sims = new Float32Array(among.length);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < among.length; c++) {
      const j = among[c]!;
      let s = 0;
      for (let d = 0; d < k; d++) s += unit[i * k + d]! * unit[j * k + d]!;
      sims[c] = s;
    }
    keepTop(sims, among, i, index, similarity, i * count, count);
  }
  return { index, similarity, count };
}
