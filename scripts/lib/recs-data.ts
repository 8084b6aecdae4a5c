/**
 * The evaluation data of `eval:recs` and `tune:ials`: MovieLens positives (ratings ≥ 3.5), the item universe, whole-user
 * folds and the per-user 80/20 split after Liang et al. (2018). One place, so tuning and reporting see the same users.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rng } from '../../models/learning/linalg';
import { readCsv } from './csv';

export const DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
export const FOLDS = 5;
export const MIN_ITEM_POSITIVES = 10;

export interface Dataset {
  name: string;
  /** userId → positive item ids (dataset ids). */
  positives: Map<number, number[]>;
  /** Whether item ids are MovieLens movieIds (so catalogue titles exist for the full ranker). */
  movieLensIds: boolean;
}

export function loadSmall(): Dataset {
  const positives = new Map<number, number[]>();
  for (const r of readCsv(join(DATA, 'movielens/ml-latest-small/ratings.csv'))) {
    if (Number(r.rating) < 3.5) continue;
    const u = Number(r.userId);
    positives.set(u, [...(positives.get(u) ?? []), Number(r.movieId)]);
  }
  return { name: 'ml-latest-small', positives, movieLensIds: true };
}

export function load100k(): Dataset {
  const positives = new Map<number, number[]>();
  for (const line of readFileSync(join(DATA, 'movielens/ml-100k/u.data'), 'utf8').split('\n')) {
    const [u, i, r] = line.split('\t').map(Number);
    if (!u || !i || !r || r < 3.5) continue;
    positives.set(u, [...(positives.get(u) ?? []), i]);
  }
  return { name: 'ml-100k', positives, movieLensIds: false };
}

export function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
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
  const users = [...dataset.positives.keys()]
    .sort((a, b) => a - b)
    .map((u) =>
      dataset.positives
        .get(u)!
        .map((i) => index.get(i))
        .filter((i): i is number => i !== undefined),
    )
    .filter((items) => items.length >= 5);
  const order = shuffle(
    users.map((_, i) => i),
    rng(2024),
  );
  const folds = Array.from({ length: FOLDS }, (_, f) => order.filter((_, j) => j % FOLDS === f));
  const train0 = order.filter((_, j) => j % FOLDS !== 0);
  const validation = train0.slice(0, Math.round(train0.length / 10));
  return { itemIds, index, users, order, folds, validation, fit: train0.slice(validation.length) };
}
