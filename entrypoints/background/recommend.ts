/**
 * Picks and feedback in the background: the catalogue and the embeddings are loaded once per worker and kept in
 * memory (ranking 30k titles needs them all), the user model is read from and written to IndexedDB.
 */
import type { Movie } from '../../models/catalogue/movie';
import { decodeItemFactors, type EmbeddingsFile, type ItemFactors } from '../../models/learning/item-factors';
import { isFeedbackSignal } from '../../models/learning/signals';
import { applyFeedback, modelFromSignals, withCurrentVector } from '../../models/learning/user-model';
import type { FeedbackRequest, PickView, RecommendRequest } from '../../models/protocol';
import { personalTarget } from '../../models/learning/mood-map';
import { rankForMoment } from '../../models/recommend/moment';
import { moodTarget } from '../../models/recommend/mood-target';
import { moodRanker } from '../../models/recommend/mood-ranker';
import { moreLikeThis } from '../../models/recommend/rankers';
import { catalogueState, getMovie, getMovies, withoutSearchFields } from '../../models/store/catalogue';
import { openDatabase } from '../../models/store/db';
import { tmdbState } from '../../models/store/tmdb';
import { feedbackEvents, loadUserModel, saveFeedback, undoFeedback } from '../../models/store/user';
import { loadSettings } from '../shared/settings';
import { ensureCatalogue } from './catalogue';

let catalogue: { key: string; movies: Movie[] } | null = null;
let factors: Promise<ItemFactors | null> | null = null;

async function movies(): Promise<Movie[]> {
  await ensureCatalogue();
  const db = await openDatabase();
  // Reload when the catalogue was re-imported or TMDB added titles.
  const key = `${(await catalogueState(db))?.completedAt ?? 0}:${(await tmdbState(db))?.at ?? 0}`;
  if (catalogue?.key !== key) catalogue = { key, movies: (await db.getAll('movies')).map(withoutSearchFields) };
  return catalogue.movies;
}

function itemFactors(): Promise<ItemFactors | null> {
  factors ??= (async () => {
    try {
      const response = await fetch('/catalogue/embeddings.json.gz');
      const text = await new Response(response.body!.pipeThrough(new DecompressionStream('gzip'))).text();
      return decodeItemFactors(JSON.parse(text) as EmbeddingsFile);
    } catch (error) {
      console.error('Moodreel: embeddings unavailable; picks use content only', error);
      return null;
    }
  })();
  return factors;
}

export async function recommend(r: RecommendRequest): Promise<PickView[]> {
  const [all, f, stored, settings] = await Promise.all([
    movies(),
    itemFactors(),
    openDatabase().then(loadUserModel),
    loadSettings(),
  ]);
  const ctx = {
    movies: all,
    factors: f,
    user: withCurrentVector(stored, f),
    filters: settings.filters,
    diversity: r.diversity,
    count: r.count,
    seed: r.seed,
    exclude: new Set(r.exclude),
  };
  const seed = r.like === null ? null : all.find((m) => m.movieId === r.like);
  if (seed === undefined) throw new Error(`Unknown title ${String(r.like)}`);
  const user = ctx.user;
  const picks = seed
    ? moreLikeThis(seed, ctx)
    : rankForMoment(
        moodRanker,
        {
          ...ctx,
          target: personalTarget(moodTarget(r.probabilities, r.strategy, r.confidence), r.probabilities, user.moodMap),
        },
        { maxMinutes: r.maxMinutes, hour: r.hour },
      );
  return picks.map((p) => ({ movie: p.movie, reasons: p.reasons, wildcard: p.wildcard }));
}

export async function recordFeedback(r: FeedbackRequest): Promise<{ saved: true; eventId: number }> {
  const db = await openDatabase();
  const stored = await getMovie(db, r.movieId);
  if (!stored) throw new Error(`Unknown title ${r.movieId}`);
  const model = applyFeedback(
    await loadUserModel(db),
    withoutSearchFields(stored),
    r.signal,
    await itemFactors(),
    r.mood,
  );
  return { saved: true, eventId: await saveFeedback(db, r.movieId, r.signal, model, Date.now(), r.mood) };
}

/** Takes a feedback event back; the model is relearned from the events that remain, in their order. */
export async function undoFeedbackEvent(eventId: number): Promise<{ undone: boolean }> {
  const db = await openDatabase();
  const remaining = (await feedbackEvents(db)).filter((e) => e.id !== eventId);
  const byId = new Map((await getMovies(db, [...new Set(remaining.map((e) => e.movieId))])).map((m) => [m.movieId, m]));
  const entries = remaining.flatMap((e) => {
    const movie = byId.get(e.movieId);
    return movie && isFeedbackSignal(e.kind) ? [[withoutSearchFields(movie), e.kind, e.mood] as const] : [];
  });
  return { undone: await undoFeedback(db, eventId, modelFromSignals(entries, await itemFactors())) };
}
