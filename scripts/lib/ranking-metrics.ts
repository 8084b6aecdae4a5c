/** Top-n ranking metrics with binary relevance (Liang et al. 2018, "Variational Autoencoders for Collaborative Filtering"). */

/** Hits in the top k over min(k, |targets|). */
export function recallAt(ranked: readonly number[], targets: ReadonlySet<number>, k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (targets.has(ranked[i]!)) hits++;
  return hits / Math.min(k, targets.size);
}

export function ndcgAt(ranked: readonly number[], targets: ReadonlySet<number>, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (targets.has(ranked[i]!)) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, targets.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Indexes of the k largest scores, skipping `exclude`, best first. */
export function topK(scores: Float64Array, k: number, exclude: ReadonlySet<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude.has(i)) idx.push(i);
  idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return idx.slice(0, k);
}
