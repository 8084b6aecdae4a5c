/**
 * FER2013 image folders (<label>/<image>.jpg) with their labels in Moodreel's emotion names, and the names any
 * labelled set may give an expression.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../models/learning/linalg';
import type { Emotion } from '../../models/mood/emotions';
import { shuffle } from './stats';

/**
 * The names a labelled set may give an expression (a folder's, or labels.csv's `emotion`): FER2013's folder names
 * first, then Moodreel's own and the usual nouns, so a set laid out another way is read, not silently left out.
 */
const LABEL_NAMES: Readonly<Record<string, Emotion>> = {
  angry: 'angry',
  disgust: 'disgusted',
  fear: 'fearful',
  happy: 'happy',
  neutral: 'neutral',
  sad: 'sad',
  surprise: 'surprised',
  anger: 'angry',
  disgusted: 'disgusted',
  fearful: 'fearful',
  afraid: 'fearful',
  scared: 'fearful',
  happiness: 'happy',
  joy: 'happy',
  sadness: 'sad',
  surprised: 'surprised',
};

/** The emotion a folder or label names (any case, spaces around ignored), or null when it names none of the seven. */
export function emotionNamed(name: string): Emotion | null {
  return LABEL_NAMES[name.trim().toLowerCase()] ?? null;
}

/** Every labelled JPEG or PNG under `root`, folders and files in sorted order; at most `limit` per class when > 0. */
export function ferImages(root: string, limit = 0): { label: Emotion; path: string }[] {
  const out: { label: Emotion; path: string }[] = [];
  for (const folder of readdirSync(root).sort()) {
    const label = emotionNamed(folder);
    if (!label) continue;
    const files = readdirSync(join(root, folder))
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort();
    for (const f of limit > 0 ? files.slice(0, limit) : files) out.push({ label, path: join(root, folder, f) });
  }
  return out;
}

/**
 * The 10 % of FER2013 Train held out for validation (seeded shuffle, seed 11), as indices into `ferImages(Train)`
 * in ascending order: every fit on Train validation (`emotion:train`, `emotion:fit-balance`) uses the same faces.
 */
export function ferValidationIndices(
  count: number,
  /** The seeded generator (emotion:train goes on drawing from it for its epochs). */
  random: () => number = rng(11),
): { validation: number[]; training: number[] } {
  const order = shuffle(
    Array.from({ length: count }, (_, i) => i),
    random,
  );
  const n = Math.round(count / 10);
  return { validation: order.slice(0, n).sort((a, b) => a - b), training: order.slice(n) };
}

/**
 * What is held out together when a fit on FER validation faces is scored held out (`emotion:fit-balance`,
 * `emotion:fit-confidence`): a tenth of the faces, by their position k among the faces read.
 */
export function ferHeldOutGroup(k: number): string {
  return `fer-${k % 10}`;
}
