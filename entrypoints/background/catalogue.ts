/**
 * Keeps the packaged catalogue imported into IndexedDB: checked at every worker start and on request, imported when
 * the shipped version differs from the imported one or an earlier import did not finish. The file is verified
 * against the manifest's checksum and validated before anything in the database is touched.
 */
import {
  unpackMovie,
  validatePacked,
  type CatalogueManifest,
  type PackedCatalogue,
} from '../../models/catalogue/format';
import type { Movie } from '../../models/catalogue/movie';
import { errorText } from '../../models/error-text';
import { ProtocolError } from '../../models/messaging';
import { catalogueState, importCatalogue, isImported } from '../../models/store/catalogue';
import { openDatabase } from '../../models/store/db';
import type { CatalogueStatus } from '../../models/protocol';

const MOVIES_FILE = 'movies.json.gz';

async function readManifest(): Promise<CatalogueManifest> {
  const response = await fetch('/catalogue/manifest.json');
  if (!response.ok) throw new Error(`catalogue manifest: HTTP ${response.status}`);
  return (await response.json()) as CatalogueManifest;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The shipped catalogue file, checked against the manifest's checksum and validated. */
async function readPacked(manifest: CatalogueManifest): Promise<PackedCatalogue> {
  const expected = manifest.files[MOVIES_FILE];
  if (!expected) throw new Error(`catalogue manifest lists no ${MOVIES_FILE}`);
  const bytes = await (await fetch(`/catalogue/${MOVIES_FILE}`)).arrayBuffer();
  if ((await sha256Hex(bytes)) !== expected.sha256) throw new Error('catalogue file does not match its checksum');
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  const packed: unknown = JSON.parse(text);
  const problem = validatePacked(packed);
  if (problem) throw new Error(`catalogue file is invalid: ${problem}`);
  return packed as PackedCatalogue;
}

let shipped: Promise<{ manifest: CatalogueManifest; movies: Movie[] }> | null = null;

/**
 * The shipped titles, read, checked and unpacked once per worker: the first-run import and the ranker (which ranks
 * from this list, not from 30k IndexedDB records) share one read.
 */
export function shippedCatalogue(): Promise<{ manifest: CatalogueManifest; movies: Movie[] }> {
  shipped ??= (async () => {
    const manifest = await readManifest();
    const packed = await readPacked(manifest);
    return { manifest, movies: packed.movies.map((p) => unpackMovie(packed, p)) };
  })().catch((error: unknown) => {
    // Picks and the import both stop here; the user hears that the catalogue, not the analysis, failed.
    throw new ProtocolError('catalogue-failed', errorText(error));
  });
  // A failed read is tried again by the next caller.
  shipped.catch(() => (shipped = null));
  return shipped;
}

let running: Promise<CatalogueStatus> | null = null;
/** Whether the run under way writes the packaged titles, as its check at the start says (a check alone: false). */
let writes: Promise<boolean> = Promise.resolve(false);

async function ensure(): Promise<CatalogueStatus> {
  const check = (async () => {
    const manifest = await readManifest();
    const db = await openDatabase();
    return { manifest, db, imported: await isImported(db, manifest.version) };
  })();
  writes = check.then(
    (c) => !c.imported,
    () => false,
  );
  const { manifest, db, imported } = await check;
  if (!imported) {
    const result = await importCatalogue(db, manifest, (await shippedCatalogue()).movies);
    console.info(`Moodreel: imported ${result.count} movies (catalogue ${manifest.version}) in ${result.ms} ms`);
  }
  return status();
}

/** Imports the catalogue when needed; concurrent callers share one import. */
export function ensureCatalogue(): Promise<CatalogueStatus> {
  running ??= ensure().finally(() => {
    running = null;
  });
  return running;
}

/** Waits for this worker's import or check under way, if any (settled either way: a failed import leaves what is stored). */
export async function importSettled(): Promise<void> {
  await running?.catch(() => undefined);
}

/** Whether an import, or the check at a worker's start, is under way (the packaged titles may be part-written). */
export function catalogueBusy(): boolean {
  return running !== null;
}

/**
 * Whether an import is writing the packaged titles now (a first run, an update, one cut short: seconds), once the
 * check under way, if any, has said whether one must (a few milliseconds).
 */
export async function catalogueWriting(): Promise<boolean> {
  return running !== null && (await writes);
}

export async function status(): Promise<CatalogueStatus> {
  const state = await catalogueState(await openDatabase());
  return {
    version: state?.version ?? null,
    status: state?.status ?? 'missing',
    count: state?.count ?? 0,
    completedAt: state?.completedAt ?? null,
    importMs: state?.completedAt ? state.completedAt - state.startedAt : null,
  };
}
