/**
 * What Moodreel learns about its user, on the device only: a collaborative user vector folded in with the closed-form
 * iALS user step from their feedback (recomputed exactly on every event: one k×k solve, well under a millisecond),
 * and content preferences (genres, people, keywords they keep liking or rejecting) so titles without embeddings
 * personalise too.
 */
import type { Movie } from '../catalogue/movie';
import { isRecord } from '../checks';
import { solveRow } from './ials';
import { isFeedbackSignal, SIGNALS, type FeedbackSignal } from './signals';
import type { MoodLesson } from './mood-lesson';
import { learnMood, parseMoodMap, type MoodMap } from './mood-map';
import type { ItemFactors } from './item-factors';

export interface UserModel {
  /** The latest signal per title. */
  signals: Record<number, FeedbackSignal>;
  /** Folded-in iALS vector, null without embedded feedback. */
  vector: number[] | null;
  /** The `fingerprint` of the embeddings `vector` was folded in against; null when it never was. */
  vectorOf: string | null;
  genres: Record<string, number>;
  people: Record<string, number>;
  keywords: Record<string, number>;
  /** How this user wants each mood handled, from feedback given after mood checks (see mood-map.ts). */
  moodMap: MoodMap;
}

export function emptyUserModel(): UserModel {
  return { signals: {}, vector: null, vectorOf: null, genres: {}, people: {}, keywords: {}, moodMap: {} };
}

/** The user's latest signal on each of `movieIds` that has one. */
export const signalsOf = (model: UserModel, movieIds: readonly number[]): Record<number, FeedbackSignal> =>
  Object.fromEntries(movieIds.flatMap((id) => (model.signals[id] ? [[id, model.signals[id]]] : [])));

/** `map` with `by` added to each key; entries that return to zero are dropped so the model stays small. */
function bump(map: Record<string, number>, keys: readonly string[], by: number): Record<string, number> {
  const next = { ...map };
  for (const k of keys) next[k] = (next[k] ?? 0) + by;
  return Object.fromEntries(Object.entries(next).filter(([, v]) => Math.abs(v) > 1e-9));
}

/** The user vector from every signal on an embedded title (null when there is none). */
export function foldIn(signals: UserModel['signals'], factors: ItemFactors): number[] | null {
  const index: number[] = [];
  const weight: number[] = [];
  const preference: number[] = [];
  for (const [id, signal] of Object.entries(signals)) {
    const row = factors.row.get(Number(id));
    if (row === undefined) continue;
    index.push(row);
    weight.push(SIGNALS[signal].weight);
    preference.push(SIGNALS[signal].preference);
  }
  if (index.length === 0) return null;
  return Array.from(
    solveRow({ index, weight, preference }, factors.values, factors.gram, factors.k, factors.params, factors.base),
  );
}

/** The vector of these signals against `factors`, tagged with them. */
function folded(signals: UserModel['signals'], factors: ItemFactors): Pick<UserModel, 'vector' | 'vectorOf'> {
  return { vector: foldIn(signals, factors), vectorOf: factors.fingerprint };
}

/**
 * The model with a vector that belongs to `factors`. The stored one is kept when it was folded in against these
 * very embeddings (every feedback event refreshes it); after an update ships new embeddings (other titles, another
 * factor count, other training) it would score nonsense, so it is refolded from the stored signals (well under a
 * millisecond).
 */
export function withCurrentVector(model: UserModel, factors: ItemFactors | null): UserModel {
  if (!factors) return { ...model, vector: null, vectorOf: null };
  const current = model.vectorOf === factors.fingerprint && (model.vector?.length ?? factors.k) === factors.k;
  return current ? model : { ...model, ...folded(model.signals, factors) };
}

/**
 * The model after one more piece of feedback on `movie` (a new signal replaces the title's previous one), given in
 * the mood `lesson` when it came after a mood check. Pure: the caller persists the result.
 */
export function applyFeedback(
  model: UserModel,
  movie: Movie,
  signal: FeedbackSignal,
  factors: ItemFactors | null,
  lesson: MoodLesson | null = null,
): UserModel {
  const previous = model.signals[movie.movieId];
  const delta = SIGNALS[signal].content - (previous ? SIGNALS[previous].content : 0);
  const signals = { ...model.signals, [movie.movieId]: signal };
  return {
    signals,
    ...(factors ? folded(signals, factors) : { vector: model.vector, vectorOf: model.vectorOf }),
    genres: bump(model.genres, movie.genres, delta),
    people: bump(model.people, [...movie.directors, ...movie.cast.slice(0, 3)], delta),
    keywords: bump(model.keywords, movie.keywords, delta * 0.5),
    moodMap: lesson ? learnMood(model.moodMap, lesson, movie.profile.tones, signal) : model.moodMap,
  };
}

const numberRecord = (v: unknown): Record<string, number> =>
  isRecord(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => Number.isFinite(e[1]))) : {};

/** A stored user model back to a valid one; anything damaged falls back to what can be trusted. */
export function parseUserModel(raw: unknown): UserModel {
  if (!isRecord(raw)) return emptyUserModel();
  const r = raw as Record<string, unknown>;
  const signals: UserModel['signals'] = {};
  if (typeof r.signals === 'object' && r.signals !== null)
    for (const [id, s] of Object.entries(r.signals))
      if (Number.isSafeInteger(Number(id)) && isFeedbackSignal(s)) signals[Number(id)] = s;
  const vector = Array.isArray(r.vector) && r.vector.every((x) => Number.isFinite(x)) ? (r.vector as number[]) : null;
  return {
    signals,
    vector,
    // Models stored before vectors were tagged have none: their vector is refolded at the next ranking.
    vectorOf: vector && typeof r.vectorOf === 'string' ? r.vectorOf : null,
    genres: numberRecord(r.genres),
    people: numberRecord(r.people),
    keywords: numberRecord(r.keywords),
    // Models stored before the mood map existed have none: an empty map is the table as it stands.
    moodMap: parseMoodMap(r.moodMap),
  };
}

/** A whole model from many signals at once (one fold-in instead of one per event): imports and evaluations. */
export function modelFromSignals(
  entries: readonly (readonly [Movie, FeedbackSignal, MoodLesson?])[],
  factors: ItemFactors | null,
): UserModel {
  let model = emptyUserModel();
  for (const [movie, signal, lesson] of entries) model = applyFeedback(model, movie, signal, null, lesson ?? null);
  return withCurrentVector(model, factors);
}
