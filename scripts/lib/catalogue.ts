/** Reads the packaged catalogue (public/catalogue) in Node scripts. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  unpackMovie,
  validatePacked,
  type CatalogueManifest,
  type PackedCatalogue,
} from '../../models/catalogue/format';
import type { Movie } from '../../models/catalogue/movie';

export const CATALOGUE_DIR = resolve('public/catalogue');

export function readPackedCatalogue(dir = CATALOGUE_DIR): {
  manifest: CatalogueManifest;
  packed: PackedCatalogue;
  movies: Movie[];
} {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as CatalogueManifest;
  const packed: unknown = JSON.parse(gunzipSync(readFileSync(join(dir, 'movies.json.gz'))).toString('utf8'));
  const problem = validatePacked(packed);
  if (problem) throw new Error(`Packaged catalogue is invalid: ${problem}`);
  const p = packed as PackedCatalogue;
  return { manifest, packed: p, movies: p.movies.map((m) => unpackMovie(p, m)) };
}
