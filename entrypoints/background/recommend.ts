/**
 * Picks and feedback in the background: the catalogue and the embeddings are loaded once per worker and kept in
 * memory (ranking 30k titles needs them all), the user model is read from and written to IndexedDB.
 */
import type { Movie } from '../../models/catalogue/movie';
import { decodeItemFactors, type EmbeddingsFile, type ItemFactors } from '../../models/learning/item-factors';
import { applyFeedback } from '../../models/learning/user-model';
import type { FeedbackRequest, PickView, RecommendRequest } from '../../models/protocol';
import { moodTarget } from '../../models/recommend/mood-target';
import { DEFAULT_FILTERS, moodRanker } from '../../models/recommend/ranker';
import { catalogueState, getMovie, withoutSearchFields } from '../../models/store/catalogue';
import { openDatabase } from '../../models/store/db';
import { tmdbState } from '../../models/store/tmdb';
import { loadUserModel, saveFeedback } from '../../models/store/user';
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
  const [all, f, user] = await Promise.all([movies(), itemFactors(), openDatabase().then(loadUserModel)]);
  const picks = moodRanker.rank({
    movies: all,
    factors: f,
    user,
    target: moodTarget(r.probabilities, r.strategy, r.confidence),
    filters: DEFAULT_FILTERS,
    diversity: r.diversity,
    count: r.count,
    seed: r.seed,
    exclude: new Set(r.exclude),
  });
  return picks.map((p) => ({ movie: p.movie, reasons: p.reasons, wildcard: p.wildcard }));
}

export async function recordFeedback(r: FeedbackRequest): Promise<{ saved: true }> {
  const db = await openDatabase();
  const stored = await getMovie(db, r.movieId);
  if (!stored) throw new Error(`Unknown title ${r.movieId}`);
  const model = applyFeedback(await loadUserModel(db), withoutSearchFields(stored), r.signal, await itemFactors());
  await saveFeedback(db, r.movieId, r.signal, model, Date.now());
  return { saved: true };
}
