/**
 * Collaborative item embeddings from ml-latest-small ratings (iALS; see models/learning/ials.ts), shared by the
 * catalogue build (tone-model neighbours, shipped factors).
 */
import { DEFAULT_IALS_PARAMS, trainIals, type IalsModel, type IalsParams, type Row } from '../../models/learning/ials';

export interface Rating {
  userId: number;
  movieId: number;
  rating: number;
}

/** Titles need this many ratings for an embedding: fewer say too little about who watches them. */
export const MIN_RATINGS_FOR_EMBEDDING = 3;

export interface ItemEmbeddings {
  movieIds: number[];
  model: IalsModel;
}

/**
 * A MovieLens rating as an iALS observation (Hu et al.'s confidence grows with the evidence): 3.5 stars and up is a
 * positive whose weight grows with the stars (3.5 → 0.5, 4 → 1, 5 → 2); 3 stars a faint positive (0.25: watched,
 * so some taste for it); 2.5 and below an explicit negative (confidence without preference), as a thumbs-down is on
 * the device. Chosen on validation users (recs:tune' users, 128 factors), validation NDCG@10 on ml-latest-small /
 * ml-100k: binary positives 0.3221 / 0.3285; these weights without the 3-star ones 0.3255 / 0.3308; with them
 * 0.3305 / 0.3324 (3 stars at 0.5: 0.3268 / 0.3313); the older stars / 5 on every rating scored as binary did.
 */
export function ratingObservation(stars: number): { weight: number; preference: number } {
  if (stars >= 3.5) return { weight: stars - 3, preference: 1 };
  if (stars >= 3) return { weight: 0.25, preference: 1 };
  return { weight: 1, preference: 0 };
}

/** `ratingObservation` in words, for the catalogue manifest. */
export const RATING_OBSERVATIONS =
  'stars >= 3.5: positive, weight stars - 3; 3 stars: positive, weight 0.25; stars <= 2.5: negative (preference 0), weight 1';

/**
 * A rating as "watched": every rating a positive, weight stars / 5. Titles watched by the same people share a tone
 * more than titles liked by the same people, so the catalogue's mood-profile neighbours come from factors trained
 * this way (with taste-graded observations the neighbours moved and the mood-profile AUC fell from 0.800 to 0.798).
 */
export function watchedObservation(stars: number): { weight: number; preference: number } {
  return { weight: stars / 5, preference: 1 };
}

/** One user's ratings as an iALS row, in the order given. */
export function observationRow(
  ratings: readonly (readonly [index: number, stars: number])[],
  observe: (stars: number) => { weight: number; preference: number } = ratingObservation,
): Row {
  const row = { index: [] as number[], weight: [] as number[], preference: [] as number[] };
  for (const [index, stars] of ratings) {
    const o = observe(stars);
    row.index.push(index);
    row.weight.push(o.weight);
    row.preference.push(o.preference);
  }
  return row;
}

/**
 * Trains iALS on the ratings of the given titles, each made an observation by `observe`. Users and titles are
 * indexed in ascending id order, so training is deterministic.
 */
export function trainItemEmbeddings(
  ratings: readonly Rating[],
  eligible: (movieId: number) => boolean,
  params: IalsParams = DEFAULT_IALS_PARAMS,
  observe: (stars: number) => { weight: number; preference: number } = ratingObservation,
  onIteration?: (i: number) => void,
): ItemEmbeddings {
  const used = ratings.filter((r) => eligible(r.movieId));
  const counts = new Map<number, number>();
  for (const r of used) counts.set(r.movieId, (counts.get(r.movieId) ?? 0) + 1);
  const movieIds = [...counts]
    .filter(([, n]) => n >= MIN_RATINGS_FOR_EMBEDDING)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  const itemIndex = new Map(movieIds.map((id, i) => [id, i]));
  const byUser = new Map<number, [number, number][]>();
  for (const r of used) {
    const i = itemIndex.get(r.movieId);
    if (i === undefined) continue;
    const row = byUser.get(r.userId) ?? [];
    row.push([i, r.rating]);
    byUser.set(r.userId, row);
  }
  const rows = [...byUser.keys()].sort((a, b) => a - b).map((u) => observationRow(byUser.get(u)!, observe));
  return { movieIds, model: trainIals(rows, movieIds.length, params, onIteration) };
}

/** Int8 factors with one scale per title: about a quarter of the float size, error ≤ scale/2 per factor. */
export function quantise(model: IalsModel): { scales: number[]; values: string } {
  const k = model.params.factors;
  const scales: number[] = [];
  const q = new Int8Array(model.nItems * k);
  for (let i = 0; i < model.nItems; i++) {
    let max = 0;
    for (let d = 0; d < k; d++) max = Math.max(max, Math.abs(model.items[i * k + d]!));
    const scale = max / 127 || 1;
    scales.push(Number(scale.toPrecision(6)));
    for (let d = 0; d < k; d++) q[i * k + d] = Math.round(model.items[i * k + d]! / scales[i]!);
  }
  return { scales, values: Buffer.from(q.buffer).toString('base64') };
}
