/** Top-n ranking metrics with binary relevance (Liang et al. 2018, "Variational Autoencoders for Collaborative Filtering"). */
import { topIndices } from '../../models/recommend/select';

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
  const open = Float64Array.from(scores);
  for (const i of exclude) open[i] = -Infinity;
  return topIndices(open, k).filter((i) => !exclude.has(i));
}
