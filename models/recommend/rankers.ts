/**
 * The simple rankers (popularity, collaborative taste) and "more like this", beside the full mood ranker: every one
 * in RANKERS passes the same contract suite.
 */
import { displayTitle, type Movie } from '../catalogue/movie';
import { itemCosine, type ItemFactors } from '../learning/item-factors';
import { franchiseOf, mmr, similarityTo } from './diversity';
import { eligible, eligibleMask } from './filters';
import { moodRanker, RANK_WEIGHTS } from './mood-ranker';
import type { Pick, RankContext, Ranker } from './ranker';
import { ratingReason, type Likeness, type Reason } from './reasons';
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
 * A title people rated poorly, where enough of them said so: below 6/10 on TMDB (50+ votes) or 3 stars on MovieLens
 * (10+ ratings). "More like this" leaves these out while enough others are alike.
 */
export function belowQualityFloor(m: Movie): boolean {
  return (
    (m.tmdbRating !== null && (m.tmdbVotes ?? 0) >= 50 && m.tmdbRating < 6) ||
    (m.mlMean !== null && m.mlRatings >= 10 && m.mlMean < 3)
  );
}

/** What `m` shares with `seed`, strongest first: the series, the director, the audience, or genres. */
export function likenessOf(seed: Movie, m: Movie, factors: ItemFactors | null): Likeness {
  const series = franchiseOf(seed);
  if (series.length > 0 && series === franchiseOf(m)) return { kind: 'series' };
  const director = seed.directors.find((d) => m.directors.includes(d));
  if (director) return { kind: 'director', name: director };
  const cf = factors ? itemCosine(factors, seed.movieId, m.movieId) : null;
  if (cf !== null && cf >= AUDIENCE_ALIKE) return { kind: 'audience' };
  const genres = m.genres.filter((g) => seed.genres.includes(g)).slice(0, 2);
  return genres.length > 0 ? { kind: 'genres', genres } : { kind: 'near' };
}

/** Taste-space cosine from which two titles are said to share their audience. */
const AUDIENCE_ALIKE = 0.3;

/**
 * "More like this": the titles most like `seed` (same franchise, shared audience, shared genres and director, see
 * `similarity`), nudged by quality and above the quality floor, through the same filters and MMR as the picks; each
 * says what it shares with the seed.
 */
export function moreLikeThis(seed: Movie, ctx: Omit<RankContext, 'target'>): Pick[] {
  const ok = eligibleMask(ctx);
  // Likeness is symmetric: seed's side is looked up once.
  const toSeed = similarityTo(seed, ctx.factors);
  const ranked = sortedPicks(
    ctx.movies.filter((m, i) => m.movieId !== seed.movieId && ok[i]),
    (m) => toSeed(m) + 0.15 * qualityPrior(m),
  ).slice(0, RANK_WEIGHTS.pool);
  const above = ranked.filter((p) => !belowQualityFloor(p.movie));
  const pool = above.length >= ctx.count ? above : ranked;
  const title = displayTitle(seed.title);
  return mmr(pool, ctx.count, ctx.diversity, ctx.factors).map((p) => {
    const rating = ratingReason(p.movie);
    const likeness = likenessOf(seed, p.movie, ctx.factors);
    return { ...p, reasons: [{ kind: 'moreLike', title, likeness }, ...(rating ? [rating] : [])] };
  });
}
