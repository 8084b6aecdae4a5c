/**
 * `npm run emotion:tuned-photos`: writes scripts/lib/tuned-photos.json, the photos of the Taiwan set's tuning people
 * (the split by person, scripts/lib/photos.ts) by a hash of their bytes. Every script that fits on real photos reads
 * those and only those, and `emotion:eval --mode photos` reports every other photo it is given: the part goes with
 * the photo, so another set is reported whole however it is laid out. Run it only if the split itself changes.
 */
import { resolve } from 'node:path';
import { TUNED_PHOTOS, writeTunedPhotos } from '../lib/photos';

const root = resolve(process.env.MOODREEL_DATA ?? '../shared/data', 'faces-expressions/taiwan-performers');
const { photos, people } = writeTunedPhotos(root);
console.log(`${TUNED_PHOTOS}: ${photos} photos of ${people} people, the tuning part of ${root}.`);
