/**
 * Hyper-parameter choice on validation users only (never a reported user): fold 0's training users of `recs:eval`,
 * split into inner folds; each inner fold is folded in (80 %) against a model fitted on the other inner folds and
 * scored on its 20 % (NDCG@10). EASE's λ and iALS's settings are chosen on the very same users and splits.
 */
import { dot, solveRow, trainIals, type IalsParams } from '../../models/learning/ials';
import { itemFactors, type ItemFactors } from '../../models/learning/item-factors';
import { easeWeights, itemItemScores } from './baselines';
import { mean } from './metrics';
import { ndcgAt, topK } from './ranking-metrics';
import { userGram, userSplit, type Universe } from './recs-data';

const INNER = 4;
const EASE_GRID = [50, 100, 200, 400, 800, 1600];

/** Scores every item for a user by a model fitted on `fitUsers` (user indexes); the mean validation NDCG@10. */
function innerNdcg(u: Universe, fit: (fitUsers: number[]) => (foldIn: number[]) => Float64Array): number {
  const tuning = [...u.validation, ...u.fit];
  const scores: number[] = [];
  for (let f = 0; f < INNER; f++) {
    const held = new Set(tuning.filter((_, j) => j % INNER === f));
    const score = fit(tuning.filter((x) => !held.has(x)));
    for (const x of held) {
      const { foldIn, targets } = userSplit(u.users, x);
      scores.push(ndcgAt(topK(score(foldIn), 10, new Set(foldIn)), targets, 10));
    }
  }
  return mean(scores);
}

export const tuningUsers = (u: Universe): number => u.validation.length + u.fit.length;

function easeValidationNdcg(u: Universe, lambda: number, graded: boolean): number {
  const n = u.itemIds.length;
  return innerNdcg(u, (users) => {
    const b = easeWeights(userGram(u, users, graded), n, lambda);
    return (foldIn) => itemItemScores(b, n, foldIn);
  });
}

/**
 * iALS scores of one user folded in (binary weights) by the very code the extension runs: `solveRow` from the
 * embeddings' shared factor, then a dot product per title.
 */
export function ialsScorer(f: ItemFactors) {
  const n = f.movieIds.length;
  return (foldIn: number[]) => {
    const x = solveRow({ index: foldIn, weight: foldIn.map(() => 1) }, f.values, f.gram, f.k, f.params, f.base);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) s[i] = dot(x, 0, f.values, i, f.k);
    return s;
  };
}

export function ialsValidationNdcg(u: Universe, params: IalsParams): number {
  const n = u.itemIds.length;
  return innerNdcg(u, (users) => {
    const model = trainIals(
      users.map((x) => u.observed[x]!),
      n,
      params,
    );
    return ialsScorer(
      itemFactors(
        model.items,
        Array.from({ length: n }, (_, i) => i),
        params.factors,
        params,
      ),
    );
  });
}

/** The EASE λ with the best validation NDCG@10, on binary positives or (`graded`) the weighted ones. */
export function tuneEase(u: Universe, graded = false): { lambda: number; ndcg: number } {
  let best = { lambda: EASE_GRID[0]!, ndcg: -1 };
  for (const lambda of EASE_GRID) {
    const ndcg = easeValidationNdcg(u, lambda, graded);
    if (ndcg > best.ndcg) best = { lambda, ndcg };
  }
  return best;
}
