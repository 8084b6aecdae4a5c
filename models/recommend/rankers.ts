/**
 * The simple rankers (popularity, collaborative taste) and "more like this", beside the full mood ranker: every one
 * in RANKERS passes the same contract suite.
 */
import { displayTitle, type Movie } from '../catalogue/movie';
import { mmr, similarity } from './diversity';
import { eligibility, eligible } from './filters';
import { moodRanker, RANK_WEIGHTS } from './mood-ranker';
import type { Pick, RankContext, Ranker } from './ranker';
import { ratingReason, type Reason } from './reasons';
import { collaborativeScores, qualityPrior } from './scoring';

function sortedPicks(movies: readonly Movie[], score: (m: Movie) => number): Pick[] {
  return movies
    .map((movie) => ({ movie, score: score(movie), reasons: [] as Reason[], wildcard: false }))
    .sort((a, b) => b.score - a.score || a.movie.movieId - b.movie.movieId);
}

/** Most popular and best-rated first: the fallback with no mood and no feedback. */
export const popularityRanker: Ranker = {
  name: 'popularity',
  rank(ctx) {
    return sortedPicks(eligible(ctx), qualityPrior)
      .slice(0, ctx.count)
      .map((p) => ({ ...p, reasons: [ratingReason(p.movie) ?? { kind: 'popular' }] }));
  },
};

/** Collaborative taste alone (iALS fold-in), falling back to the quality prior for titles without embeddings. */
export const collaborativeRanker: Ranker = {
  name: 'ials',
  rank(ctx) {
    const cf = collaborativeScores(ctx.factors, ctx.user);
    const row = (m: Movie) => ctx.factors?.row.get(m.movieId);
    return sortedPicks(eligible(ctx), (m) => {
      const r = row(m);
      return cf && r !== undefined ? cf[r]! : qualityPrior(m) - 2;
    })
      .slice(0, ctx.count)
      .map((p) => ({ ...p, reasons: [{ kind: 'tasteAlike' }] }));
  },
};

export const RANKERS: readonly Ranker[] = [popularityRanker, collaborativeRanker, moodRanker];

/**
 * "More like this": the titles most like `seed` (same franchise, shared audience, shared genres and director, see
 * `similarity`), nudged by quality, through the same filters and MMR as the picks; each says what it is like.
 */
export function moreLikeThis(seed: Movie, ctx: Omit<RankContext, 'target'>): Pick[] {
  const ok = eligibility(ctx);
  const pool = sortedPicks(
    ctx.movies.filter((m) => m.movieId !== seed.movieId && ok(m)),
    (m) => similarity(seed, m, ctx.factors) + 0.15 * qualityPrior(m),
  ).slice(0, RANK_WEIGHTS.pool);
  return mmr(pool, ctx.count, ctx.diversity, ctx.factors).map((p) => {
    const rating = ratingReason(p.movie);
    return { ...p, reasons: [{ kind: 'moreLike', title: displayTitle(seed.title) }, ...(rating ? [rating] : [])] };
  });
}
