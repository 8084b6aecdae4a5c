/**
 * Ranking: one interface, several rankers (rankers.ts: popularity, collaborative, "more like this"; mood-ranker.ts:
 * the full mood ranker), one contract suite (tests/unit/rankers.test.ts) every ranker passes. Rankers are pure and
 * deterministic under a seed.
 */
import type { Movie } from '../catalogue/movie';
import type { ItemFactors } from '../learning/item-factors';
import type { UserModel } from '../learning/user-model';
import type { PictureLook } from '../look/picture';
import type { Filters } from './filters';
import type { MoodTarget } from './mood-target';
import type { Reason } from './reasons';

export interface RankContext {
  movies: readonly Movie[];
  factors: ItemFactors | null;
  user: UserModel;
  target: MoodTarget;
  filters: Filters;
  /** 0 (pure relevance) .. 1 (as varied as possible). */
  diversity: number;
  count: number;
  seed: number;
  /** Titles already shown, left out ("different picks"). */
  exclude?: ReadonlySet<number>;
  /** The look of the user's picture, when the picks should look like it too. */
  look?: PictureLook | null;
}

export interface Pick {
  movie: Movie;
  score: number;
  reasons: Reason[];
  wildcard: boolean;
}

export interface Ranker {
  name: string;
  rank(ctx: RankContext): Pick[];
}
