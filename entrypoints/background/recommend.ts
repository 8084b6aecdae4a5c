/**
 * Picks and feedback in the background: the catalogue and the embeddings are loaded once per worker and kept in
 * memory (ranking 30k titles needs them all), the user model is read from and written to IndexedDB.
 *
 * The shipped titles come straight from the packed file inside the extension, unpacked once per worker start: several
 * times faster than reading 30k records back from IndexedDB, and ready while a first import is still running.
 * Only the titles TMDB added on this device (negative ids) are read from the database.
 */
import type { Movie } from '../../models/catalogue/movie';
import { searchMovies } from '../../models/catalogue/title-search';
import { decodeItemFactors, type EmbeddingsFile, type ItemFactors } from '../../models/learning/item-factors';
import { isFeedbackSignal, type FeedbackSignal } from '../../models/learning/signals';
import {
  applyFeedback,
  modelFromSignals,
  signalsOf,
  withCurrentVector,
  type UserModel,
} from '../../models/learning/user-model';
import type { FeedbackRequest, PickView, RecommendRequest } from '../../models/protocol';
import { personalTarget } from '../../models/learning/mood-map';
import { rankForMoment } from '../../models/recommend/moment';
import { moodTarget } from '../../models/recommend/mood-target';
import { moodRanker } from '../../models/recommend/mood-ranker';
import { moreLikeThis } from '../../models/recommend/rankers';
import { showableAgain } from '../../models/recommend/filters';
import { typicalDistance2, unpackLooks, withLooks, type LookIndex, type LooksFile } from '../../models/look/look-index';
import { pictureLook } from '../../models/look/picture';
import { getMovie, withoutSearchFields } from '../../models/store/catalogue';
import { openDatabase } from '../../models/store/db';
import type { FeedbackEvent } from '../../models/store/schema';
import { posterLooks, tmdbState } from '../../models/store/tmdb';
import {
  feedbackEvents,
  forgetFeedback,
  isForgotten,
  loadUserModel,
  removeFromWatchlist,
  restoreFeedback,
  saveFeedback,
  type FeedbackToForget,
  type GivenMark,
} from '../../models/store/user';
import { loadSettings } from '../shared/settings';
import { shippedCatalogue } from './catalogue';

let catalogue: { key: number; movies: Promise<Catalogue> } | null = null;
let factors: Promise<ItemFactors | null> | null = null;
let looks: Promise<{ index: LookIndex; typical: number } | null> | null = null;

interface Catalogue {
  movies: Movie[];
  byId: Map<number, Movie>;
  byTmdbId: Map<number, number>;
}

/** Every title, shipped and added; one array per TMDB refresh, shared by concurrent callers (rankers cache on it). */
async function loadCatalogue(): Promise<Catalogue> {
  const db = await openDatabase();
  const key = (await tmdbState(db))?.at ?? 0;
  if (catalogue?.key !== key) {
    const movies = Promise.all([
      shippedCatalogue().then((c) => c.movies),
      db.getAll('movies', IDBKeyRange.upperBound(0, true)).then((added) => added.map(withoutSearchFields)),
    ]).then(([base, added]) => {
      const all = added.length > 0 ? [...base, ...added] : base;
      return {
        movies: all,
        byId: new Map(all.map((m) => [m.movieId, m])),
        byTmdbId: new Map(all.flatMap((m) => (m.tmdbId === null ? [] : [[m.tmdbId, m.movieId] as const]))),
      };
    });
    catalogue = { key, movies };
    movies.catch(() => {
      if (catalogue?.movies === movies) catalogue = null;
    });
  }
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

/** The films' looks, read on the first request that brings a picture's look. */
function filmLooks(): Promise<{ index: LookIndex; typical: number } | null> {
  looks ??= (async () => {
    try {
      const index = unpackLooks((await (await fetch('/catalogue/looks.json')).json()) as LooksFile);
      return { index, typical: typicalDistance2(index) };
    } catch (error) {
      console.error('Moodreel: film looks unavailable; picks follow the mood alone', error);
      return null;
    }
  })();
  return looks;
}

/** The looks of the TMDB posters shown on this device, read once and kept until a poster look or a deletion. */
let shown: Promise<Map<number, number[]>> | null = null;

/** Forgets the in-memory copy of the shown posters' looks (after one is saved, or the TMDB cache is cleared). */
export function forgetShownPosterLooks(): void {
  shown = null;
}

/** The shipped looks and those of the TMDB posters shown on this device, for films the shipped ones lack. */
async function withShownPosters(index: LookIndex, byTmdbId: ReadonlyMap<number, number>): Promise<LookIndex> {
  const read = (shown ??= openDatabase().then(posterLooks));
  read.catch(() => {
    if (shown === read) shown = null;
  });
  const byMovie = new Map<number, number[]>();
  for (const [tmdbId, look] of await read) {
    const movieId = byTmdbId.get(tmdbId);
    if (movieId !== undefined) byMovie.set(movieId, look);
  }
  return withLooks(index, byMovie);
}

/**
 * Whether measuring this TMDB title's poster would add a look a ranking can use: the film is in the catalogue, the
 * shipped looks lack it and they loaded (without them no ranking uses a look).
 */
export async function posterLookUseful(tmdbId: number): Promise<boolean> {
  const [{ byTmdbId }, films] = await Promise.all([loadCatalogue(), filmLooks()]);
  const movieId = byTmdbId.get(tmdbId);
  return films !== null && movieId !== undefined && !films.index.rows.has(movieId);
}

/** Loads what a ranking needs (the catalogue in memory, the embeddings) before anyone asks for picks. */
export async function warmPicks(): Promise<void> {
  await Promise.all([loadCatalogue(), itemFactors()]);
}

export async function recommend(r: RecommendRequest): Promise<PickView[]> {
  const [{ movies: all, byId, byTmdbId }, f, stored, settings] = await Promise.all([
    loadCatalogue(),
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
  const seed = r.like === null ? null : byId.get(r.like);
  if (seed === undefined) throw new Error(`Unknown title ${String(r.like)}`);
  const user = ctx.user;
  // The picture's look is used for this ranking only; nothing of it is kept.
  const films = r.look && !seed ? await filmLooks() : null;
  const look =
    r.look && films ? pictureLook(r.look, await withShownPosters(films.index, byTmdbId), films.typical) : null;
  const picks = seed
    ? moreLikeThis(seed, ctx)
    : rankForMoment(
        moodRanker,
        {
          ...ctx,
          target: personalTarget(moodTarget(r.probabilities, r.strategy, r.confidence), r.probabilities, user.moodMap),
          look,
        },
        { maxMinutes: r.maxMinutes, hour: r.hour },
      );
  return picks.map((p) => ({ movie: p.movie, reasons: p.reasons, wildcard: p.wildcard }));
}

/** The titles with these ids the ranker knows (shipped and added), in the order asked, unknown ids left out. */
export async function catalogueTitles(movieIds: readonly number[]): Promise<Movie[]> {
  const { byId } = await loadCatalogue();
  return movieIds.flatMap((id) => byId.get(id) ?? []);
}

/** The title search over the titles the ranker knows (shipped and added), for while the database is being written. */
export async function searchCatalogue(query: string, limit: number): Promise<Movie[]> {
  return searchMovies((await loadCatalogue()).movies, query, limit);
}

/**
 * The titles of a list left on screen, to show it again as it was, with the user's mark on each now (a mark taken back
 * since goes from its card); null where it cannot be shown again (see 'kept-list').
 */
export async function keptList(
  movieIds: readonly number[],
): Promise<{ movies: Movie[]; signals: Record<number, FeedbackSignal> } | null> {
  const [movies, user, settings] = await Promise.all([
    catalogueTitles(movieIds),
    openDatabase().then(loadUserModel),
    loadSettings(),
  ]);
  if (movies.length !== movieIds.length || !showableAgain(movies, settings.filters, user)) return null;
  return { movies, signals: signalsOf(user, movieIds) };
}

export async function recordFeedback(r: FeedbackRequest): Promise<{ saved: true; eventId: number }> {
  const db = await openDatabase();
  // Added since the catalogue was loaded, the title is still in the database.
  const known = (await loadCatalogue()).byId.get(r.movieId);
  const stored = known ? undefined : await getMovie(db, r.movieId);
  const movie = known ?? (stored && withoutSearchFields(stored));
  if (!movie) throw new Error(`Unknown title ${r.movieId}`);
  const model = applyFeedback(await loadUserModel(db), movie, r.signal, await itemFactors(), r.mood);
  return { saved: true, eventId: await saveFeedback(db, r.movieId, r.signal, model, Date.now(), r.mood) };
}

/** The model learned from `events` in order, as if they were all the feedback ever given. */
async function modelOf(events: readonly FeedbackEvent[]): Promise<UserModel> {
  const { byId } = await loadCatalogue();
  const entries = events.flatMap((e) => {
    const movie = byId.get(e.movieId);
    return movie && isFeedbackSignal(e.kind) ? [[movie, e.kind, e.mood] as const] : [];
  });
  return modelFromSignals(entries, await itemFactors());
}

/**
 * Takes feedback back (an undo, or a mark taken back); the model is relearned from the events that remain, in order.
 * Returns the marks forgotten, for `restoreFeedbackOf`.
 */
export async function forgetFeedbackOf(which: FeedbackToForget): Promise<GivenMark[]> {
  const db = await openDatabase();
  const forgotten = isForgotten(which);
  return forgetFeedback(db, which, await modelOf((await feedbackEvents(db)).filter((e) => !forgotten(e))));
}

/** Puts back events `forgetFeedbackOf` took (an undo of a removal or a mark taken back); the model is relearned. */
export async function restoreFeedbackOf(events: readonly GivenMark[]): Promise<void> {
  const db = await openDatabase();
  const ids = new Set(events.map((e) => e.id));
  // Stored events all have their id; in id order, the restored ones stand where they were given.
  const all = [...(await feedbackEvents(db)).filter((e) => !ids.has(e.id!)), ...events].sort((a, b) => a.id! - b.id!);
  await restoreFeedback(db, events, await modelOf(all));
}

/**
 * Takes a title off the watchlist by taking back its 🔖 marks: the liking they taught goes with them and the title may
 * be picked again, as the marks list and a card reopened then say. Returns those marks (for an undo) and the mark
 * left on the title, if any.
 */
export async function leaveWatchlist(movieId: number): Promise<{ removed: GivenMark[]; mark: FeedbackSignal | null }> {
  const db = await openDatabase();
  const removed = await forgetFeedbackOf({ movieId, kind: 'watchlist' });
  // An entry no event explains (from an old backup) goes all the same.
  if (removed.length === 0) await removeFromWatchlist(db, movieId);
  return { removed, mark: signalsOf(await loadUserModel(db), [movieId])[movieId] ?? null };
}
