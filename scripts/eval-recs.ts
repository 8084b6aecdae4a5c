/**
 * `npm run eval:recs`: strong generalisation after Liang et al. (2018). Ratings ≥ 3.5 are positives; users with ≥ 5
 * positives; whole users held out in 5 folds; each held-out user's positives are split 80 % folded in / 20 %
 * targets; every model ranks the item universe minus the folded-in items. Models: popularity, item-kNN (cosine),
 * EASE (λ tuned on a validation split of fold 0's training users), our iALS fold-in (trained per fold on the
 * training users only, the extension's hyper-parameters), and the full ranker at neutral mood (ml-latest-small only:
 * it needs the catalogue's titles). Reports mean ± sd over folds, a cold-start curve, then one JSON line.
 *
 * Item universe: titles with ≥ 10 positives in the dataset (EASE inverts an items × items matrix; the same universe
 * is used for every model so the numbers compare). Targets outside it are dropped.
 */
import { join, resolve } from 'node:path';
import type { Movie } from '../models/catalogue/movie';
import { DEFAULT_IALS_PARAMS, solveRow, trainIals, type Row } from '../models/learning/ials';
import { itemFactors } from '../models/learning/item-factors';
import { rng } from '../models/learning/linalg';
import { EMOTIONS, zeroProbabilities } from '../models/mood/emotions';
import { profileOf } from '../models/catalogue/profile';
import { emptyUserModel, modelFromSignals } from '../models/learning/user-model';
import { readMovieTags, taggedTones } from './lib/tone-tags';
import { moodTarget } from '../models/recommend/mood-target';
import { DEFAULT_FILTERS, moodRanker } from '../models/recommend/ranker';
import { cooccurrence, cosineMatrix, easeWeights, itemItemScores, popularityScores } from './lib/baselines';
import { readPackedCatalogue } from './lib/catalogue';
import { readCsv } from './lib/csv';
import { mean, sd } from './lib/metrics';
import { ndcgAt, recallAt, topK } from './lib/ranking-metrics';
import { markdownTable, round } from './lib/stats';
import { readFileSync } from 'node:fs';

const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
const FOLDS = 5;
/** EVAL_QUICK=1: the first fold of ml-latest-small only, for iterating on the ranker (never for reported figures). */
const QUICK = process.env.EVAL_QUICK === '1';
const MIN_ITEM_POSITIVES = 10;
const EASE_GRID = [50, 100, 200, 400, 800, 1600];
const COLD = [1, 3, 5, 10, 20];
const MODELS = ['popularity', 'itemknn', 'ease', 'ials_foldin', 'full'] as const;
type ModelName = (typeof MODELS)[number];
const METRICS = ['recall20', 'ndcg10', 'ndcg100', 'coverage10', 'diversity10', 'novelty10'] as const;
type Metric = (typeof METRICS)[number];

interface Dataset {
  name: string;
  /** userId → positive item ids (dataset ids). */
  positives: Map<number, number[]>;
  /** Whether item ids are MovieLens movieIds (so catalogue titles exist for the full ranker). */
  movieLensIds: boolean;
}

function loadSmall(): Dataset {
  const positives = new Map<number, number[]>();
  for (const r of readCsv(join(DATA, 'movielens/ml-latest-small/ratings.csv'))) {
    if (Number(r.rating) < 3.5) continue;
    const u = Number(r.userId);
    positives.set(u, [...(positives.get(u) ?? []), Number(r.movieId)]);
  }
  return { name: 'ml-latest-small', positives, movieLensIds: true };
}

function load100k(): Dataset {
  const positives = new Map<number, number[]>();
  for (const line of readFileSync(join(DATA, 'movielens/ml-100k/u.data'), 'utf8').split('\n')) {
    const [u, i, r] = line.split('\t').map(Number);
    if (!u || !i || !r || r < 3.5) continue;
    positives.set(u, [...(positives.get(u) ?? []), i]);
  }
  return { name: 'ml-100k', positives, movieLensIds: false };
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

interface Split {
  foldIn: number[];
  targets: Set<number>;
}

/** 80 % folded in, 20 % (at least one) targets, by a seeded shuffle per user. */
function split(items: number[], random: () => number): Split {
  const s = shuffle([...items], random);
  const nTargets = Math.max(1, Math.round(s.length * 0.2));
  return { foldIn: s.slice(nTargets), targets: new Set(s.slice(0, nTargets)) };
}

function evaluate(dataset: Dataset, movies: Map<number, Movie> | null) {
  // Item universe and users, in item indexes.
  const counts = new Map<number, number>();
  for (const items of dataset.positives.values()) for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  const itemIds = [...counts]
    .filter(([, c]) => c >= MIN_ITEM_POSITIVES)
    .map(([i]) => i)
    .sort((a, b) => a - b);
  const index = new Map(itemIds.map((id, i) => [id, i]));
  const n = itemIds.length;
  const users = [...dataset.positives.keys()]
    .sort((a, b) => a - b)
    .map((u) =>
      dataset.positives
        .get(u)!
        .map((i) => index.get(i))
        .filter((i): i is number => i !== undefined),
    )
    .filter((items) => items.length >= 5);
  const random = rng(2024);
  const order = shuffle(
    users.map((_, i) => i),
    random,
  );
  const folds = Array.from({ length: FOLDS }, (_, f) => order.filter((_, j) => j % FOLDS === f));

  // EASE λ: validation users carved from fold 0's training users.
  const train0 = order.filter((_, j) => j % FOLDS !== 0);
  const validation = train0.slice(0, Math.round(train0.length / 10));
  const fit0 = train0.slice(validation.length);
  const g0 = cooccurrence(
    fit0.map((u) => users[u]!),
    n,
  );
  const valSplits = validation.map((u) => split(users[u]!, rng(u + 1)));
  let lambda = EASE_GRID[0]!;
  let best = -1;
  for (const l of EASE_GRID) {
    const b = easeWeights(g0, n, l);
    const score = mean(
      valSplits.map((s) => ndcgAt(topK(itemItemScores(b, n, s.foldIn), 10, new Set(s.foldIn)), s.targets, 10)),
    );
    if (score > best) {
      best = score;
      lambda = l;
    }
  }
  console.error(
    `${dataset.name}: ${users.length} users, ${n} items; EASE λ = ${lambda} (validation NDCG@10 ${round(best, 4)})`,
  );

  const perFold: Record<ModelName, Record<Metric, number>[]> = {
    popularity: [],
    itemknn: [],
    ease: [],
    ials_foldin: [],
    full: [],
  };
  const cold: Record<string, Record<number, number[]>> = { popularity: {}, ease: {}, ials_foldin: {} };
  const neutral = moodTarget(zeroProbabilities(), 'match', 1);
  for (let f = 0; f < (QUICK ? 1 : FOLDS); f++) {
    const held = new Set(folds[f]);
    const trainUsers = order.filter((u) => !held.has(u)).map((u) => users[u]!);
    const g = cooccurrence(trainUsers, n);
    const pop = popularityScores(g, n);
    const cos = cosineMatrix(g, n);
    const ease = easeWeights(g, n, lambda);
    const rows: Row[] = trainUsers.map((items) => ({ index: items, weight: items.map(() => 1) }));
    const ials = trainIals(rows, n, DEFAULT_IALS_PARAMS);
    const k = DEFAULT_IALS_PARAMS.factors;
    const foldFactors = itemFactors(ials.items, itemIds, k, DEFAULT_IALS_PARAMS);
    const itemGram = foldFactors.gram;
    const factors = movies ? foldFactors : null;
    const universeMovies = movies ? itemIds.map((id) => movies.get(id)).filter((m): m is Movie => m !== undefined) : [];
    const nTrain = trainUsers.length;

    const lists: Record<ModelName, number[][]> = { popularity: [], itemknn: [], ease: [], ials_foldin: [], full: [] };
    const metrics: Record<ModelName, { recall20: number[]; ndcg10: number[]; ndcg100: number[] }> = {
      popularity: { recall20: [], ndcg10: [], ndcg100: [] },
      itemknn: { recall20: [], ndcg10: [], ndcg100: [] },
      ease: { recall20: [], ndcg10: [], ndcg100: [] },
      ials_foldin: { recall20: [], ndcg10: [], ndcg100: [] },
      full: { recall20: [], ndcg10: [], ndcg100: [] },
    };
    const ialsScores = (foldIn: number[]) => {
      const u = solveRow({ index: foldIn, weight: foldIn.map(() => 1) }, ials.items, itemGram, k, DEFAULT_IALS_PARAMS);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let d = 0;
        for (let j = 0; j < k; j++) d += u[j]! * ials.items[i * k + j]!;
        s[i] = d;
      }
      return s;
    };
    for (const u of folds[f]!) {
      const { foldIn, targets } = split(users[u]!, rng(u + 1));
      const exclude = new Set(foldIn);
      const ranked: Record<ModelName, number[] | null> = {
        popularity: topK(pop, 100, exclude),
        itemknn: topK(itemItemScores(cos, n, foldIn), 100, exclude),
        ease: topK(itemItemScores(ease, n, foldIn), 100, exclude),
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
          ials_foldin: topK(ialsScores(few), 10, ex),
        };
        for (const [m, r] of Object.entries(coldRanked)) (cold[m]![c] ??= []).push(ndcgAt(r, targets, 10));
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
  return { perFold, cold, users: users.length, items: n, lambda };
}

function report(name: string, r: ReturnType<typeof evaluate>) {
  const fmt = (xs: number[]) =>
    xs.some(Number.isNaN) || xs.length === 0 ? 'n/a' : `${round(mean(xs), 4)} ± ${round(sd(xs), 4)}`;
  console.log(
    `\n### ${name}: ${r.users} users, ${r.items} items (≥ ${MIN_ITEM_POSITIVES} positives), ${FOLDS} folds, EASE λ = ${r.lambda}\n`,
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

/**
 * Mood fit: for each emotion × strategy, the share of the top 10 (full ranker, no feedback, among titles that carry
 * user tags) whose tags agree with the target, i.e. name a tone the target wants; next to the same ranker on
 * genres-only profiles.
 */
function moodFitTable(movies: readonly Movie[]) {
  const byId = new Map(movies.map((m) => [m.movieId, m]));
  const tagsOf = readMovieTags(DATA, byId);
  const tagged = movies.filter((m) => tagsOf.has(m.movieId));
  const genresOnly = tagged.map((m) => ({
    ...m,
    profile: profileOf({ genres: m.genres, keywords: [] }, { useKeywords: false }),
  }));
  const rows: (string | number)[][] = [];
  const shares: { full: number[]; genres: number[] } = { full: [], genres: [] };
  for (const emotion of EMOTIONS) {
    for (const strategy of ['match', 'lift'] as const) {
      const p = zeroProbabilities();
      p[emotion] = 1;
      const target = moodTarget(p, strategy, 1);
      const share = (list: readonly Movie[]) => {
        const picks = moodRanker.rank({
          movies: list,
          factors: null,
          user: emptyUserModel(),
          target,
          filters: DEFAULT_FILTERS,
          diversity: 0.5,
          count: 10,
          seed: 1,
        });
        const agree = picks.filter((pk) =>
          [...taggedTones(tagsOf.get(pk.movie.movieId)!)].some((t) => target.weights[t] > 0),
        );
        return agree.length / picks.length;
      };
      const full = share(tagged);
      const genres = share(genresOnly);
      shares.full.push(full);
      shares.genres.push(genres);
      rows.push([emotion, strategy, round(full, 2), round(genres, 2)]);
    }
  }
  rows.push(['**mean**', '', round(mean(shares.full), 3), round(mean(shares.genres), 3)]);
  console.log(
    `\n### Mood fit: share of the top 10 whose MovieLens tags agree with the target (${tagged.length} tagged titles)\n`,
  );
  console.log(markdownTable(['emotion', 'strategy', 'lexicon profiles', 'genres-only profiles'], rows));
  return { full: round(mean(shares.full), 4), genresOnly: round(mean(shares.genres), 4) };
}

function main() {
  const { movies } = readPackedCatalogue();
  const byId = new Map(movies.map((m) => [m.movieId, m]));
  const fit = moodFitTable(movies);
  const small = evaluate(loadSmall(), byId);
  report('ml-latest-small', small);
  if (!QUICK) report('ml-100k', evaluate(load100k(), null));
  const summary: Record<string, Record<string, number>> = {};
  for (const m of MODELS) {
    if (small.perFold[m].length === 0) continue;
    summary[m] = Object.fromEntries(METRICS.map((k) => [k, round(mean(small.perFold[m].map((f) => f[k])), 4)]));
  }
  console.log(JSON.stringify({ eval: 'recs', dataset: 'ml-latest-small', ...summary, moodFit: fit }));
}

main();
