/**
 * The poster thumbnails in ../shared/data/posters (`<source>/<movieId>.jpg`, 100×150): read only to derive numbers,
 * never copied, committed or shown (see that folder's README).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Pixels } from '../../models/look/look';
import { SHARED_DATA } from '../../tests/support/images';

export const POSTERS = join(SHARED_DATA, 'posters');

/** Every poster file by movieId (one or two: the two sources often hold different artwork of the same film). */
export function posterFiles(): Map<number, string[]> {
  const files = new Map<number, string[]>();
  if (!existsSync(POSTERS)) throw new Error(`No posters in ${POSTERS}`);
  for (const source of readdirSync(POSTERS, { withFileTypes: true })) {
    if (!source.isDirectory()) continue;
    for (const name of readdirSync(join(POSTERS, source.name))) {
      const id = Number(name.replace(/\.jpg$/, ''));
      if (!Number.isInteger(id) || !name.endsWith('.jpg')) continue;
      files.set(id, [...(files.get(id) ?? []), join(POSTERS, source.name, name)]);
    }
  }
  return files;
}

export function readJpeg(path: string): Pixels {
  const image = jpeg.decode(readFileSync(path), { useTArray: true, formatAsRGBA: true });
  return { width: image.width, height: image.height, data: image.data };
}
