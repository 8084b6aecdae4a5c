/**
 * The catalogue in IndexedDB: import the packaged catalogue in batches (skipped when that version is already
 * complete), detect partial or damaged imports and redo them, and look movies up. Never touches the user's stores.
 */
import type { CatalogueManifest } from '../catalogue/format';
import type { Movie } from '../catalogue/movie';
import { byRenown, matchesTitle, titleQuery, titleWords } from '../catalogue/title-search';
import type { Database } from './db';
import type { CatalogueState, StoredMovie } from './schema';

/**
 * Titles per import transaction. Short batches let the user's own writes (a thumb, a watchlist mark on a first
 * run's first picks) in between them instead of after a long one; the import as a whole takes no longer.
 */
export const IMPORT_BATCH = 250;

export function toStored(movie: Movie): StoredMovie {
  return { ...movie, titleWords: titleWords(movie.title) };
}

export async function catalogueState(db: Database): Promise<CatalogueState | undefined> {
  const state = await db.get('meta', 'catalogue');
  return state?.key === 'catalogue' ? state : undefined;
}

/** Packaged titles have MovieLens ids (positive); titles added from TMDB have negative ids and survive imports. */
const packaged = () => IDBKeyRange.lowerBound(1);

/** True when `version` is fully imported: the state says complete and the store holds exactly that many movies. */
export async function isImported(db: Database, version: string): Promise<boolean> {
  const state = await catalogueState(db);
  if (!state || state.status !== 'complete' || state.version !== version) return false;
  return (await db.count('movies', packaged())) === state.count;
}

export interface ImportResult {
  imported: boolean;
  count: number;
  ms: number;
}

/**
 * Imports the titles of a validated packed catalogue (unpacked once by the caller, who ranks from the same list). The state is marked "importing" first and "complete" only after every
 * batch is written and the count checked, so an import cut short (browser closed, worker killed) is redone next time.
 */
export async function importCatalogue(
  db: Database,
  manifest: Pick<CatalogueManifest, 'version'>,
  movies: readonly Movie[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const start = Date.now();
  if (await isImported(db, manifest.version)) return { imported: false, count: movies.length, ms: 0 };
  const total = movies.length;
  await db.put('meta', {
    key: 'catalogue',
    version: manifest.version,
    status: 'importing',
    count: total,
    startedAt: start,
    completedAt: null,
  });
  await db.delete('movies', packaged());
  for (let i = 0; i < total; i += IMPORT_BATCH) {
    // Relaxed durability: the catalogue can always be re-imported, so it need not wait for a disk flush per batch.
    const tx = db.transaction('movies', 'readwrite', { durability: 'relaxed' });
    for (const m of movies.slice(i, i + IMPORT_BATCH)) void tx.store.put(toStored(m));
    await tx.done;
    onProgress?.(Math.min(total, i + IMPORT_BATCH), total);
  }
  const count = await db.count('movies', packaged());
  if (count !== total) throw new Error(`Catalogue import wrote ${count} of ${total} movies`);
  await db.put('meta', {
    key: 'catalogue',
    version: manifest.version,
    status: 'complete',
    count,
    startedAt: start,
    completedAt: Date.now(),
  });
  return { imported: true, count, ms: Date.now() - start };
}

export async function getMovie(db: Database, movieId: number): Promise<StoredMovie | undefined> {
  return db.get('movies', movieId);
}

/** Where titles the database lacks may be found meanwhile (the file an import under way is writing from). */
export type TitlesElsewhere = (movieIds: readonly number[]) => Promise<readonly Movie[]>;

/**
 * The movies with these ids, in the order asked, unknown ids left out; one read transaction. An import clears the
 * packaged titles and writes them back over seconds: with `elsewhere`, titles missing meanwhile are looked up there,
 * so a list does not silently lose them (a watchlist looking empty after an update) nor wait for the import.
 */
export async function getMovies(
  db: Database,
  movieIds: readonly number[],
  elsewhere?: TitlesElsewhere,
): Promise<StoredMovie[]> {
  const tx = db.transaction('movies');
  const found = await Promise.all(movieIds.map((id) => tx.store.get(id)));
  await tx.done;
  const missing = movieIds.filter((_, i) => found[i] === undefined);
  const extra =
    missing.length > 0 && elsewhere ? new Map((await elsewhere(missing)).map((m) => [m.movieId, toStored(m)])) : null;
  return movieIds.flatMap((id, i) => found[i] ?? extra?.get(id) ?? []);
}

/** A stored movie as the rest of the app sees it (without the search index field). */
export function withoutSearchFields({ titleWords, ...movie }: StoredMovie): Movie {
  return movie;
}

/**
 * The title search (see title-search) over the database: the multi-entry word index gives the candidates for the
 * longest whole word (or the word being typed), then the rule filters them.
 */
export async function searchTitles(db: Database, query: string, limit = 20): Promise<StoredMovie[]> {
  const q = titleQuery(query);
  if (!q) return [];
  const anchor = [...q.whole].sort((a, b) => b.length - a.length)[0];
  const range = anchor ? IDBKeyRange.only(anchor) : IDBKeyRange.bound(q.last, `${q.last}\uffff`);
  const candidates = await db.getAllFromIndex('movies', 'titleWords', range);
  const seen = new Set<number>();
  const hits = candidates.filter((m) => {
    if (seen.has(m.movieId)) return false;
    seen.add(m.movieId);
    return matchesTitle(q, m.titleWords);
  });
  return hits.sort(byRenown).slice(0, limit);
}
