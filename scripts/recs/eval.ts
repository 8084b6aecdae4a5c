/**
 * `npm run recs:eval`: strong generalisation after Liang et al. (2018). Ratings ≥ 3.5 are positives; users with ≥ 5
 * positives; whole users held out in 5 folds; each held-out user's positives are split 80 % folded in / 20 %
 * targets; every model ranks the item universe minus the folded-in items. Models: popularity, item-kNN (cosine),
 * EASE (λ tuned on validation users: fold 0's training users in inner folds, scripts/lib/tuning.ts), our iALS
 * fold-in (trained per fold on the training users only, with the settings `npm run recs:tune` chose on those same
 * validation users), and the full ranker at neutral mood (ml-latest-small only: it needs the catalogue's titles).
 * Reports mean ± sd over folds, a cold-start curve, then one JSON line.
 *
 * Item universe: titles with ≥ 10 positives in the dataset (EASE inverts an items × items matrix; the same universe
 * is used for every model so the numbers compare). Targets outside it are dropped.
 */
import type { Movie } from '../../models/catalogue/movie';
import { DEFAULT_IALS_PARAMS, trainIals, type IalsParams } from '../../models/learning/ials';
import { itemFactors } from '../../models/learning/item-factors';
import { zeroProbabilities } from '../../models/mood/emotions';
import { modelFromSignals } from '../../models/learning/user-model';
import { moodTarget } from '../../models/recommend/mood-target';
import { DEFAULT_FILTERS } from '../../models/recommend/filters';
import { moodRanker } from '../../models/recommend/mood-ranker';
import { cosineMatrix, easeWeights, itemItemScores, popularityScores } from '../lib/baselines';
import { readPackedCatalogue } from '../lib/catalogue';
import { mean, sd } from '../lib/metrics';
import { ndcgAt, recallAt, topK } from '../lib/ranking-metrics';
import { markdownTable, round } from '../lib/stats';
import { ialsScorer, tuneEase } from '../lib/tuning';
import {
  FOLDS,
  MIN_ITEM_POSITIVES,
  load100k,
  loadSmall,
  universe,
  userGram,
  userSplit,
  type Dataset,
} from '../lib/recs-data';

/** EVAL_QUICK=1: the first fold of ml-latest-small only, for iterating on the ranker (never for reported figures). */
const QUICK = process.env.EVAL_QUICK === '1';
/**
 * iALS settings per dataset, chosen by `npm run recs:tune` on validation users. ml-latest-small's are the ones the
 * shipped embeddings use (DEFAULT_IALS_PARAMS); ml-100k gets its own, as EASE gets its own λ.
 */
const IALS_PARAMS: Record<string, IalsParams> = {
  'ml-latest-small': DEFAULT_IALS_PARAMS,
  'ml-100k': { ...DEFAULT_IALS_PARAMS, regularization: 15 },
};
const COLD = [1, 3, 5, 10, 20];
const MODELS = ['popularity', 'itemknn', 'ease', 'ease_graded', 'ials_foldin', 'full'] as const;
type ModelName = (typeof MODELS)[number];
const METRICS = ['recall20', 'ndcg10', 'ndcg100', 'coverage10', 'diversity10', 'novelty10'] as const;
type Metric = (typeof METRICS)[number];

/** One fresh value per model, so adding a model is one edit to MODELS. */
function byModel<T>(make: () => T): Record<ModelName, T> {
  return Object.fromEntries(MODELS.map((m) => [m, make()])) as Record<ModelName, T>;
}

function evaluate(dataset: Dataset, movies: Map<number, Movie> | null) {
  const data = universe(dataset);
  const { itemIds, index, users, order, folds } = data;
  const n = itemIds.length;

  // EASE λ on validation users carved from fold 0's training users (the users recs:tune chose iALS's settings on).
  const { lambda, ndcg: best } = tuneEase(data);
  // A fairness check: EASE given the same graded ratings iALS trains on (its positives and their weights).
  const graded = tuneEase(data, true);
  const ialsParams = IALS_PARAMS[dataset.name] ?? DEFAULT_IALS_PARAMS;
  console.error(
    `${dataset.name}: ${users.length} users, ${n} items; EASE λ = ${lambda} (validation NDCG@10 ${round(best, 4)}), ` +
      `graded λ = ${graded.lambda} (${round(graded.ndcg, 4)})`,
  );

  const perFold = byModel((): Record<Metric, number>[] => []);
  // Filled in the order of `coldRanked` below: popularity, EASE, graded EASE, iALS.
  const cold: Record<string, Record<number, number[]>> = {};
  const neutral = moodTarget(zeroProbabilities(), 'match', 1);
  for (let f = 0; f < (QUICK ? 1 : FOLDS); f++) {
    const held = new Set(folds[f]);
    const trainIndexes = order.filter((u) => !held.has(u));
    const g = userGram(data, trainIndexes, false);
    const pop = popularityScores(g, n);
    const cos = cosineMatrix(g, n);
    const ease = easeWeights(g, n, lambda);
    const easeGraded = easeWeights(userGram(data, trainIndexes, true), n, graded.lambda);
    const ials = trainIals(
      trainIndexes.map((u) => data.observed[u]!),
      n,
      ialsParams,
    );
    const foldFactors = itemFactors(ials.items, itemIds, ialsParams.factors, ialsParams);
    const ialsScores = ialsScorer(foldFactors);
    const factors = movies ? foldFactors : null;
    const universeMovies = movies ? itemIds.map((id) => movies.get(id)).filter((m): m is Movie => m !== undefined) : [];
    const nTrain = trainIndexes.length;

    const lists = byModel((): number[][] => []);
    const metrics = byModel(() => ({ recall20: [] as number[], ndcg10: [] as number[], ndcg100: [] as number[] }));
    for (const u of folds[f]!) {
      const { foldIn, targets } = userSplit(users, u);
      const exclude = new Set(foldIn);
      const ranked: Record<ModelName, number[] | null> = {
        popularity: topK(pop, 100, exclude),
        itemknn: topK(itemItemScores(cos, n, foldIn), 100, exclude),
        ease: topK(itemItemScores(ease, n, foldIn), 100, exclude),
        ease_graded: topK(itemItemScores(easeGraded, n, foldIn), 100, exclude),
        ials_foldin: topK(ialsScores(foldIn), 100, exclude),
        full: null,
      };
      if (movies && factors) {
        const liked = foldIn.map((i) => movies.get(itemIds[i]!)).filter((m): m is Movie => m !== undefined);
        const user = modelFromSignals(
          liked.map((m) => [m, 'up'] as const),
          factors,
        );
        const picks = moodRanker.rank({
          movies: universeMovies,
          factors,
          user,
          target: neutral,
          filters: { ...DEFAULT_FILTERS, adult: true },
          diversity: 0.5,
          count: 20,
          seed: u,
        });
        ranked.full = picks.map((p) => index.get(p.movie.movieId)!);
      }
      for (const m of MODELS) {
        const r = ranked[m];
        if (!r) continue;
        lists[m].push(r.slice(0, 10));
        metrics[m].recall20.push(recallAt(r, targets, 20));
        metrics[m].ndcg10.push(ndcgAt(r, targets, 10));
        if (r.length >= 100) metrics[m].ndcg100.push(ndcgAt(r, targets, 100));
      }
      for (const c of COLD) {
        if (foldIn.length < c) continue;
        const few = foldIn.slice(0, c);
        const ex = new Set(few);
        const coldRanked = {
          popularity: topK(pop, 10, ex),
          ease: topK(itemItemScores(ease, n, few), 10, ex),
          ease_graded: topK(itemItemScores(easeGraded, n, few), 10, ex),
          ials_foldin: topK(ialsScores(few), 10, ex),
        };
        for (const [m, r] of Object.entries(coldRanked)) ((cold[m] ??= {})[c] ??= []).push(ndcgAt(r, targets, 10));
      }
    }
    for (const m of MODELS) {
      if (lists[m].length === 0) continue;
      const shown = new Set(lists[m].flat());
      const ild = mean(
        lists[m].map((l) => {
          let s = 0;
          let c = 0;
          for (let a = 0; a < l.length; a++)
            for (let b = a + 1; b < l.length; b++) {
              s += 1 - cos[l[a]! * n + l[b]!]!;
              c++;
            }
          return c ? s / c : 0;
        }),
      );
      const novelty = mean(lists[m].flat().map((i) => -Math.log2(Math.max(pop[i]!, 1) / nTrain)));
      perFold[m].push({
        recall20: mean(metrics[m].recall20),
        ndcg10: mean(metrics[m].ndcg10),
        ndcg100: metrics[m].ndcg100.length ? mean(metrics[m].ndcg100) : Number.NaN,
        coverage10: shown.size / n,
        diversity10: ild,
        novelty10: novelty,
      });
    }
    console.error(`${dataset.name}: fold ${f + 1}/${FOLDS} done`);
  }
  return { perFold, cold, users: users.length, items: n, lambda, gradedLambda: graded.lambda };
}

function report(name: string, r: ReturnType<typeof evaluate>) {
  const fmt = (xs: number[]) =>
    xs.some(Number.isNaN) || xs.length === 0 ? 'n/a' : `${round(mean(xs), 4)} ± ${round(sd(xs), 4)}`;
  console.log(
    `\n### ${name}: ${r.users} users, ${r.items} items (≥ ${MIN_ITEM_POSITIVES} positives), ${FOLDS} folds, EASE λ = ${r.lambda} (graded ${r.gradedLambda})\n`,
  );
  console.log(
    markdownTable(
      ['model', 'Recall@20', 'NDCG@10', 'NDCG@100', 'coverage@10', 'diversity@10', 'novelty@10 (bits)'],
      MODELS.filter((m) => r.perFold[m].length > 0).map((m) => [
        m,
        ...METRICS.map((k) => fmt(r.perFold[m].map((f) => f[k]))),
      ]),
    ),
  );
  console.log(`\nCold start (NDCG@10 with only n positives folded in):\n`);
  console.log(
    markdownTable(
      ['model', ...COLD.map((c) => `n = ${c}`)],
      Object.entries(r.cold).map(([m, byN]) => [m, ...COLD.map((c) => round(mean(byN[c] ?? []), 4))]),
    ),
  );
}

function main() {
  const { movies } = readPackedCatalogue();
  const byId = new Map(movies.map((m) => [m.movieId, m]));
  const small = evaluate(loadSmall(), byId);
  report('ml-latest-small', small);
  if (!QUICK) report('ml-100k', evaluate(load100k(), null));
  const summary: Record<string, Record<string, number>> = {};
  for (const m of MODELS) {
    if (small.perFold[m].length === 0) continue;
    summary[m] = Object.fromEntries(METRICS.map((k) => [k, round(mean(small.perFold[m].map((f) => f[k])), 4)]));
  }
  console.log(JSON.stringify({ eval: 'recs', dataset: 'ml-latest-small', ...summary }));
}

main();
