/**
 * What the rankers score with: per-catalogue arrays computed once (tones, each title's two home moods, quality
 * priors, embedding rows, content features), the quality prior, and the user's collaborative and content scores.
 */
import type { Movie } from '../catalogue/movie';
import type { ItemFactors } from '../learning/item-factors';
import type { UserModel } from '../learning/user-model';
import { EMOTIONS } from '../mood/emotions';
import { fitTerms, moodFit, toneColumns, type ToneColumns } from './mood-fit';
import { catalogueFacts } from './filters';
import { STRATEGIES, targetWeights } from './mood-target';

/** What never changes for a catalogue: its tones by column, quality priors, embedding rows. Cached per list. */
export interface Prepared {
  tones: ToneColumns;
  /**
   * Per title, its two homes: the emotion × strategy targets (index into HOMES) it fits best, each fit taken as a
   * share of that target's best fit in the catalogue.
   */
  homes: Uint8Array;
  quality: Float64Array;
  /** Per title, `audience`: how many people have rated it. */
  audience: Float64Array;
  factorRow: Int32Array;
  /** Per title, 1 when it is a children's title (MovieLens's Children genre). */
  children: Uint8Array;
  /** movieId → the title's position in the catalogue. */
  position: Map<number, number>;
  /** Content features ("g:Drama", "p:Name", "k:keyword") as ids: movie i owns features[offsets[i]..offsets[i+1]). */
  vocabulary: Map<string, number>;
  features: Int32Array;
  offsets: Int32Array;
}

export const isChildren = (m: Movie) => m.genres.includes('Children');

/** Every emotion × strategy: the targets a title's homes are counted among. */
export const HOMES = EMOTIONS.flatMap((emotion) => STRATEGIES.map((strategy) => ({ emotion, strategy })));

/** Weight of one unit of user preference per kind of content feature. */
const CONTENT_WEIGHT = { g: 0.35, p: 0.6, k: 0.15 } as const;

function contentFeatures(m: Movie): string[] {
  return [
    ...m.genres.map((g) => `g:${g}`),
    ...m.directors.map((p) => `p:${p}`),
    ...m.cast.slice(0, 3).map((p) => `p:${p}`),
    ...m.keywords.map((k) => `k:${k}`),
  ];
}

/** The user's content preferences over a catalogue's feature ids, weighted by kind. */
export function preferenceVector(user: UserModel, vocabulary: Map<string, number>): Float64Array {
  const v = new Float64Array(vocabulary.size);
  const put = (kind: keyof typeof CONTENT_WEIGHT, prefs: Record<string, number>) => {
    for (const [name, value] of Object.entries(prefs)) {
      const id = vocabulary.get(`${kind}:${name}`);
      if (id !== undefined) v[id] = v[id]! + value * CONTENT_WEIGHT[kind];
    }
  };
  put('g', user.genres);
  put('p', user.people);
  put('k', user.keywords);
  return v;
}
const preparedCache = new WeakMap<readonly Movie[], { factors: ItemFactors | null; prepared: Prepared }>();

export function prepare(movies: readonly Movie[], factors: ItemFactors | null): Prepared {
  const cached = preparedCache.get(movies);
  if (cached && cached.factors === factors) return cached.prepared;
  const quality = new Float64Array(movies.length);
  const audiences = new Float64Array(movies.length);
  const factorRow = new Int32Array(movies.length).fill(-1);
  const children = new Uint8Array(movies.length);
  const vocabulary = new Map<string, number>();
  const features: number[] = [];
  const offsets = new Int32Array(movies.length + 1);
  movies.forEach((m, i) => {
    audiences[i] = audience(m);
    children[i] = isChildren(m) ? 1 : 0;
    quality[i] = qualityPrior(m);
    factorRow[i] = factors?.row.get(m.movieId) ?? -1;
    for (const feature of contentFeatures(m)) {
      let id = vocabulary.get(feature);
      if (id === undefined) vocabulary.set(feature, (id = vocabulary.size));
      features.push(id);
    }
    offsets[i + 1] = features.length;
  });
  const tones = toneColumns(movies.map((m) => m.profile.tones));
  const homes = new Uint8Array(movies.length * 2);
  const best = new Float32Array(movies.length * 2);
  HOMES.forEach(({ emotion, strategy }, h) => {
    const terms = fitTerms({ weights: targetWeights(emotion, strategy) });
    const fits = new Float32Array(movies.length);
    let top = 1e-9;
    for (let i = 0; i < movies.length; i++) top = Math.max(top, (fits[i] = moodFit(tones, i, terms)));
    for (let i = 0; i < movies.length; i++) {
      const share = fits[i]! / top;
      if (share > best[2 * i]!) {
        best[2 * i + 1] = best[2 * i]!;
        homes[2 * i + 1] = homes[2 * i]!;
        best[2 * i] = share;
        homes[2 * i] = h;
      } else if (share > best[2 * i + 1]!) {
        best[2 * i + 1] = share;
        homes[2 * i + 1] = h;
      }
    }
  });
  const prepared = {
    tones,
    homes,
    children,
    quality,
    audience: audiences,
    factorRow,
    position: catalogueFacts(movies).position,
    vocabulary,
    features: Int32Array.from(features),
    offsets,
  };
  preparedCache.set(movies, { factors, prepared });
  return prepared;
}

/** How many people have rated a title: its MovieLens ratings, each standing for TMDB's larger crowd, and TMDB votes. */
export function audience(m: Movie): number {
  return m.mlRatings * 20 + (m.tmdbVotes ?? 0);
}

/** −1..1 prior from ratings and votes: well-liked, much-watched titles first when nothing else is known. */
export function qualityPrior(m: Movie): number {
  const ml = m.mlMean === null ? 0 : (m.mlMean - 3.4) / 0.6;
  const tmdb = m.tmdbRating === null ? 0 : (m.tmdbRating - 6.3) / 1.2;
  const votes = Math.log1p(audience(m)) / Math.log1p(20_000);
  return Math.tanh(0.45 * ml + 0.25 * tmdb + 0.6 * (votes - 0.35));
}

/**
 * iALS scores of a user's kind of titles sit around 0.1..0.4 (the median title near 0); this puts them on the scale of
 * the mood fit. Linear, not squashed: squashing flattened the order among the best titles (NDCG@10 of the full ranker
 * 0.239 -> 0.284 on fold 1 of recs:eval when it went).
 */
const CF_SCALE = 3;

/** The user's collaborative score for every embedded title (indexed by embedding row), or null without a vector. */
export function collaborativeScores(f: ItemFactors | null, user: UserModel): Float64Array | null {
  const u = user.vector;
  if (!f || !u) return null;
  const cf = new Float64Array(f.movieIds.length);
  for (let r = 0; r < cf.length; r++) {
    let d = 0;
    for (let j = 0; j < f.k; j++) d += u[j]! * f.values[r * f.k + j]!;
    cf[r] = CF_SCALE * d;
  }
  return cf;
}
