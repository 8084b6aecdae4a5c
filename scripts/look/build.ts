/**
 * `npm run look:build`: the look of every catalogue film with a poster thumbnail (each of its posters where it has two),
 * standardised and stored as int8 in `public/catalogue/looks.json`. Only numbers leave the posters.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookOf, LOOK_FEATURES, LOOK_SIZE } from '../../models/look/look';

const WEIGHT_SEED = 2101;
/** Share of the tuning films captured to fit the weights. */
const WEIGHT_SAMPLE = 0.3;
import { packLooks, standardize, unpackLooks } from '../../models/look/look-index';
import { rng } from '../../models/learning/linalg';
import { capture } from '../lib/capture';
import { partOf } from '../lib/tone-tags';
import { CATALOGUE_DIR, readPackedCatalogue } from '../lib/catalogue';
import { posterFiles, readJpeg } from '../lib/posters';

const { movies } = readPackedCatalogue();
const inCatalogue = new Set(movies.map((m) => m.movieId));
const files = posterFiles();
const looks = new Map<number, Float32Array[]>();
const start = performance.now();
for (const [id, paths] of files) {
  if (!inCatalogue.has(id)) continue;
  const found = paths.flatMap((path) => lookOf(readJpeg(path)) ?? []);
  if (found.length > 0) looks.set(id, found);
}
/**
 * Feature weights, fitted on the tuning part only: a screen capture of each tuning film's poster (scripts/lib/capture)
 * against the poster itself; a feature that moves a lot under capture says little about which film it is.
 */
function fitWeights(): Float32Array {
  const provisional = unpackLooks(packLooks(looks));
  const random = rng(WEIGHT_SEED);
  const noise = new Float64Array(LOOK_SIZE);
  let n = 0;
  for (const [id, paths] of files) {
    if (!looks.has(id) || partOf(id) !== 'tuning' || random() > WEIGHT_SAMPLE) continue;
    const poster = readJpeg(paths[0]!);
    const [a, b] = [lookOf(poster), lookOf(capture(poster, random))];
    if (!a || !b) continue;
    const za = standardize(a, provisional);
    const zb = standardize(b, provisional);
    for (let k = 0; k < LOOK_SIZE; k++) noise[k] = noise[k]! + (za[k]! - zb[k]!) ** 2;
    n++;
  }
  const inverse = Float32Array.from(noise, (v) => 1 / Math.max(1e-3, v / n));
  const meanInverse = inverse.reduce((s, v) => s + v, 0) / LOOK_SIZE;
  return inverse.map((v) => v / meanInverse);
}

const weights = fitWeights();
const file = packLooks(looks, weights);
const json = JSON.stringify(file);
const rows = file.movieIds.length;
writeFileSync(join(CATALOGUE_DIR, 'looks.json'), `${json}\n`);
const ms = performance.now() - start;
console.log('| films with a look | looks (posters) | catalogue films | file size | time |');
console.log('| --- | --- | --- | --- | --- |');
console.log(`| ${looks.size} | ${rows} | ${inCatalogue.size} | ${json.length} B | ${(ms / 1000).toFixed(1)} s |`);
console.log(
  `\nfeature weights (tuning part): ${LOOK_FEATURES.map((f, k) => `${f} ${weights[k]!.toFixed(2)}`).join(', ')}\n`,
);
console.log(JSON.stringify({ films: looks.size, looks: rows, bytes: json.length }));
