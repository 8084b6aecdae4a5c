/**
 * `npm run recs:bench`: how fast the recommender runs on this machine (Node, the same models/ code the extension
 * runs): a full ranking of the real catalogue with MMR (p50/p95), one feedback update (fold-in), a cold start (no
 * feedback), and how the ranking cost grows with synthetic catalogues of 10k, 30k and 100k titles.
 * Prints a table, then one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Movie } from '../../models/catalogue/movie';
import { TONES } from '../../models/catalogue/tones';
import { rng } from '../../models/learning/linalg';
import { applyFeedback, emptyUserModel, type UserModel } from '../../models/learning/user-model';
import { zeroProbabilities } from '../../models/mood/emotions';
import { moodTarget } from '../../models/recommend/mood-target';
import { DEFAULT_FILTERS } from '../../models/recommend/filters';
import { moodRanker } from '../../models/recommend/mood-ranker';
import { LOOK_SIZE } from '../../models/look/look';
import { typicalDistance2, unpackLooks, type LooksFile } from '../../models/look/look-index';
import { pictureLook } from '../../models/look/picture';
import type { RankContext } from '../../models/recommend/ranker';
import { CATALOGUE_DIR, readPackedCatalogue } from '../lib/catalogue';
import { readItemFactors } from '../lib/factors';
import { markdownTable, quantile, round } from '../lib/stats';

const RUNS = 40;
const { movies } = readPackedCatalogue();
const factors = readItemFactors();
const random = rng(5);

function time(fn: () => void, runs = RUNS): number[] {
  for (let i = 0; i < 3; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const sad = zeroProbabilities();
sad.sad = 0.8;
sad.neutral = 0.2;

function ctx(all: readonly Movie[], user: UserModel, seed: number): RankContext {
  return {
    movies: all,
    factors,
    user,
    target: moodTarget(sad, 'lift', 0.8),
    filters: DEFAULT_FILTERS,
    diversity: 0.5,
    count: 10,
    seed,
  };
}

// A user with 20 pieces of feedback on popular titles.
const rated = movies.filter((m) => m.mlRatings >= 50);
let user = emptyUserModel();
for (let i = 0; i < 20; i++)
  user = applyFeedback(user, rated[Math.floor(random() * rated.length)]!, i % 4 === 3 ? 'down' : 'up', factors);

const full = time(() => moodRanker.rank(ctx(movies, user, 1)));
const cold = time(() => moodRanker.rank(ctx(movies, emptyUserModel(), 1)));
// "Match the look of my picture": the picture's look against every film's (a film's own look stands in for a frame).
const looks = unpackLooks(JSON.parse(readFileSync(join(CATALOGUE_DIR, 'looks.json'), 'utf8')) as LooksFile);
const typical = typicalDistance2(looks);
const frameLook = Array.from(looks.vectors.subarray(0, LOOK_SIZE), (z, k) => z * looks.std[k]! + looks.mean[k]!);
const withLook = time(() => moodRanker.rank({ ...ctx(movies, user, 1), look: pictureLook(frameLook, looks, typical) }));
const update = time(() => applyFeedback(user, rated[Math.floor(random() * rated.length)]!, 'up', factors), 200);

function synthetic(n: number): Movie[] {
  const out: Movie[] = [];
  for (let i = 0; i < n; i++) {
    const base = movies[i % movies.length]!;
    const tones = Object.fromEntries(TONES.map((t) => [t, random()])) as Movie['profile']['tones'];
    out.push({
      ...base,
      movieId: 10_000_000 + i,
      title: `${base.title} ${i}`,
      profile: { tones, valence: random() * 2 - 1, arousal: random() * 2 - 1 },
    });
  }
  return out;
}
const growth = [10_000, 30_000, 100_000].map((n) => {
  const all = synthetic(n);
  const t = time(() => moodRanker.rank(ctx(all, user, 2)), 15);
  return { n, p50: quantile(t, 0.5), p95: quantile(t, 0.95) };
});

const p = (xs: number[], q: number) => round(quantile(xs, q), 2);
console.log(
  `Recommender benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, catalogue of ${movies.length} titles, ${factors.k} factors`,
);
console.log(
  markdownTable(
    ['measure', 'p50 (ms)', 'p95 (ms)', 'budget'],
    [
      [
        'full ranking with MMR, real catalogue, user with 20 feedback events',
        p(full, 0.5),
        p(full, 0.95),
        '≤ 10 ms p50',
      ],
      ['cold start: full ranking, no feedback', p(cold, 0.5), p(cold, 0.95), '—'],
      [
        `full ranking matching a picture's look (${looks.movieIds.length.toLocaleString('en')} poster looks)`,
        p(withLook, 0.5),
        p(withLook, 0.95),
        '≤ 10 ms p50',
      ],
      ['one feedback update (content + closed-form fold-in)', p(update, 0.5), p(update, 0.95), '≤ 1 ms'],
      ...growth.map((g) => [
        `full ranking, ${g.n.toLocaleString('en')} synthetic titles`,
        round(g.p50, 2),
        round(g.p95, 2),
        '—',
      ]),
    ],
  ),
);
console.log(
  JSON.stringify({
    bench: 'recs',
    rankP50Ms: p(full, 0.5),
    rankP95Ms: p(full, 0.95),
    coldP50Ms: p(cold, 0.5),
    lookRankP50Ms: p(withLook, 0.5),
    updateP50Ms: p(update, 0.5),
    ...Object.fromEntries(growth.map((g) => [`rank${g.n / 1000}kP50Ms`, round(g.p50, 2)])),
  }),
);
