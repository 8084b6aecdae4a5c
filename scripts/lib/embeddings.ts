/**
 * Collaborative item embeddings from ml-latest-small ratings (iALS; see models/learning/ials.ts), shared by the
 * catalogue build (profile smoothing, shipped factors) and `npm run train`.
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
 * Trains iALS on every rating of the given titles; an observation's confidence grows with its stars
 * (weight = stars / 5). Users and titles are indexed in ascending id order, so training is deterministic.
 */
export function trainItemEmbeddings(
  ratings: readonly Rating[],
  eligible: (movieId: number) => boolean,
  params: IalsParams = DEFAULT_IALS_PARAMS,
  onIteration?: (i: number) => void,
): ItemEmbeddings {
  const counts = new Map<number, number>();
  for (const r of ratings) if (eligible(r.movieId)) counts.set(r.movieId, (counts.get(r.movieId) ?? 0) + 1);
  const movieIds = [...counts]
    .filter(([, n]) => n >= MIN_RATINGS_FOR_EMBEDDING)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  const itemIndex = new Map(movieIds.map((id, i) => [id, i]));
  const byUser = new Map<number, { index: number[]; weight: number[] }>();
  for (const r of ratings) {
    const i = itemIndex.get(r.movieId);
    if (i === undefined) continue;
    const row = byUser.get(r.userId) ?? { index: [], weight: [] };
    row.index.push(i);
    row.weight.push(r.rating / 5);
    byUser.set(r.userId, row);
  }
  const rows: Row[] = [...byUser.keys()].sort((a, b) => a - b).map((u) => byUser.get(u)!);
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
