/**
 * The evaluation data of `recs:eval` and `recs:tune`: MovieLens positives (ratings ≥ 3.5), the item universe, whole-user
 * folds and the per-user 80/20 split after Liang et al. (2018). One place, so tuning and reporting see the same users.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Row } from '../../models/learning/ials';
import { rng } from '../../models/learning/linalg';
import { cooccurrence } from './baselines';
import { observationRow } from './embeddings';
import { readCsv } from './csv';
import { shuffle } from './stats';

export const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
export const FOLDS = 5;
export const MIN_ITEM_POSITIVES = 10;

export interface Dataset {
  name: string;
  /** userId → positive item ids (dataset ids). */
  positives: Map<number, number[]>;
  /** userId → every rating as [item id, stars], positives included: what iALS trains on (`ratingObservation`). */
  ratings: Map<number, [number, number][]>;
  /** Whether item ids are MovieLens movieIds (so catalogue titles exist for the full ranker). */
  movieLensIds: boolean;
}

/** The dataset from (user, item, stars) triples: positives are the ratings of 3.5 stars and up. */
function fromRatings(name: string, triples: Iterable<[number, number, number]>, movieLensIds: boolean): Dataset {
  const positives = new Map<number, number[]>();
  const ratings = new Map<number, [number, number][]>();
  const push = <T>(map: Map<number, T[]>, key: number, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const [u, i, r] of triples) {
    push(ratings, u, [i, r] as [number, number]);
    if (r >= 3.5) push(positives, u, i);
  }
  return { name, positives, ratings, movieLensIds };
}

export function loadSmall(): Dataset {
  const rows = readCsv(join(DATA, 'movielens/ml-latest-small/ratings.csv'));
  return fromRatings(
    'ml-latest-small',
    rows.map((r): [number, number, number] => [Number(r.userId), Number(r.movieId), Number(r.rating)]),
    true,
  );
}

export function load100k(): Dataset {
  const triples = readFileSync(join(DATA, 'movielens/ml-100k/u.data'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t').map(Number) as [number, number, number])
    .filter(([u, i, r]) => u && i && r);
  return fromRatings('ml-100k', triples, false);
}

export interface Split {
  foldIn: number[];
  targets: Set<number>;
}

/** 80 % folded in, 20 % (at least one) targets, by a seeded shuffle per user. */
export function split(items: number[], random: () => number): Split {
  const s = shuffle([...items], random);
  const nTargets = Math.max(1, Math.round(s.length * 0.2));
  return { foldIn: s.slice(nTargets), targets: new Set(s.slice(0, nTargets)) };
}

/** A user's split: seeded by the user's index, so every model and script splits a user the same way. */
export const userSplit = (users: number[][], u: number): Split => split(users[u]!, rng(u + 1));

export interface Universe {
  /** Dataset item ids with ≥ MIN_ITEM_POSITIVES positives, ascending; an item's index is its position. */
  itemIds: number[];
  index: Map<number, number>;
  /** Users (≥ 5 positives inside the universe), each a list of item indexes. */
  users: number[][];
  /** The same users' ratings inside the universe as iALS training rows (`observationRow`). */
  observed: Row[];
  /** Users in a seeded random order; fold f holds the users at positions ≡ f (mod FOLDS). */
  order: number[];
  folds: number[][];
  /** Tuning users: 10 % of fold 0's training users, and the rest of them to fit on. Never a reported user. */
  validation: number[];
  fit: number[];
}

export function universe(dataset: Dataset): Universe {
  const counts = new Map<number, number>();
  for (const items of dataset.positives.values()) for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  const itemIds = [...counts]
    .filter(([, c]) => c >= MIN_ITEM_POSITIVES)
    .map(([i]) => i)
    .sort((a, b) => a - b);
  const index = new Map(itemIds.map((id, i) => [id, i]));
  const inUniverse = (u: number) =>
    dataset.positives
      .get(u)!
      .map((i) => index.get(i))
      .filter((i): i is number => i !== undefined);
  const userIds = [...dataset.positives.keys()].sort((a, b) => a - b).filter((u) => inUniverse(u).length >= 5);
  const users = userIds.map(inUniverse);
  const observed = userIds.map((u) =>
    observationRow(
      dataset.ratings.get(u)!.flatMap(([i, stars]): [number, number][] => {
        const at = index.get(i);
        return at === undefined ? [] : [[at, stars]];
      }),
    ),
  );
  const order = shuffle(
    users.map((_, i) => i),
    rng(2024),
  );
  const folds = Array.from({ length: FOLDS }, (_, f) => order.filter((_, j) => j % FOLDS === f));
  const train0 = order.filter((_, j) => j % FOLDS !== 0);
  const validation = train0.slice(0, Math.round(train0.length / 10));
  return { itemIds, index, users, observed, order, folds, validation, fit: train0.slice(validation.length) };
}

/**
 * XᵀX for EASE from some of the universe's users: binary positives, or (`graded`) the positive observations iALS
 * trains on with their weights (`ratingObservation`; EASE has no place for a negative, so those are left out).
 */
export function userGram(u: Universe, of: readonly number[], graded: boolean): Float64Array {
  const n = u.itemIds.length;
  if (!graded)
    return cooccurrence(
      of.map((x) => u.users[x]!),
      n,
    );
  const rows = of.map((x) => u.observed[x]!);
  const keep = (row: Row) => Array.from(row.index, (_, k) => k).filter((k) => (row.preference?.[k] ?? 1) > 0);
  return cooccurrence(
    rows.map((row) => keep(row).map((k) => row.index[k]!)),
    n,
    rows.map((row) => keep(row).map((k) => row.weight[k]!)),
  );
}
