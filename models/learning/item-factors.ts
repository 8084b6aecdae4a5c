/** The shipped item embeddings (catalogue/embeddings.json.gz), decoded for scoring and fold-in. */
import { foldInBase, type IalsParams } from './ials';
import { gram } from './linalg';

export interface EmbeddingsFile {
  factors: number;
  params: IalsParams;
  movieIds: number[];
  scales: number[];
  /** base64 of an Int8Array, titles × factors. */
  values: string;
}

export interface ItemFactors {
  k: number;
  params: IalsParams;
  /** movieId → row. */
  row: Map<number, number>;
  movieIds: number[];
  values: Float32Array;
  /** Row norms, for cosine similarity. */
  norms: Float32Array;
  /** FᵀF, shared by every fold-in. */
  gram: Float64Array;
  /** Cholesky factor of FᵀF + λI (see `foldInBase`), or null when λ varies by row. */
  base: Float64Array | null;
  /** Names these factors: a user vector folded in against them carries it, so a stale one is known. */
  fingerprint: string;
}

/** FNV-1a over the factors' bytes, λ and the titles: cheap (a few ms once per load) and changes with any of them. */
function fingerprintOf(values: Float32Array, movieIds: readonly number[], params: IalsParams): string {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
  };
  for (const w of new Uint32Array(values.buffer, values.byteOffset, values.length)) mix(w);
  for (const id of movieIds) mix(id);
  mix(Math.round(params.regularization * 1e6));
  mix(Math.round((params.regExponent ?? 0) * 1e6));
  mix(Math.round(params.alpha * 1e6));
  return `${movieIds.length}x${values.length / Math.max(1, movieIds.length)}:${(h >>> 0).toString(16)}`;
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function decodeItemFactors(file: EmbeddingsFile): ItemFactors {
  const k = file.factors;
  const n = file.movieIds.length;
  const q = new Int8Array(base64Bytes(file.values).buffer);
  if (q.length !== n * k || file.scales.length !== n) throw new Error('embeddings file is inconsistent');
  const values = new Float32Array(n * k);
  for (let i = 0; i < n * k; i++) values[i] = q[i]! * file.scales[Math.floor(i / k)]!;
  return itemFactors(values, file.movieIds, k, file.params);
}

/** Item factors (titles × k, rows in `movieIds` order) with the norms and Gram matrix scoring needs. */
export function itemFactors(values: Float32Array, movieIds: number[], k: number, params: IalsParams): ItemFactors {
  const n = movieIds.length;
  const norms = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < k; d++) s += values[i * k + d]! ** 2;
    norms[i] = Math.sqrt(s);
  }
  const g = gram(values, n, k);
  return {
    k,
    params,
    row: new Map(movieIds.map((id, i) => [id, i])),
    movieIds,
    values,
    norms,
    gram: g,
    base: foldInBase(g, k, params),
    fingerprint: fingerprintOf(values, movieIds, params),
  };
}

/** Cosine similarity of two titles' embeddings, or null when either has none. */
export function itemCosine(f: ItemFactors, a: number, b: number): number | null {
  const ra = f.row.get(a);
  const rb = f.row.get(b);
  return ra === undefined || rb === undefined ? null : rowCosine(f, ra, rb);
}

/** `itemCosine` of the titles at rows `ra` and `rb` (for callers that look a row up once and use it many times). */
export function rowCosine(f: ItemFactors, ra: number, rb: number): number {
  let s = 0;
  for (let d = 0; d < f.k; d++) s += f.values[ra * f.k + d]! * f.values[rb * f.k + d]!;
  const n = f.norms[ra]! * f.norms[rb]!;
  return n > 0 ? s / n : 0;
}
