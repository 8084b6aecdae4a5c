/** Reads the shipped item embeddings (public/catalogue/embeddings.json.gz) in Node. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeItemFactors, type EmbeddingsFile, type ItemFactors } from '../../models/learning/item-factors';
import { CATALOGUE_DIR } from './catalogue';

export function readItemFactors(dir = CATALOGUE_DIR): ItemFactors {
  return decodeItemFactors(
    JSON.parse(gunzipSync(readFileSync(join(dir, 'embeddings.json.gz'))).toString('utf8')) as EmbeddingsFile,
  );
}
