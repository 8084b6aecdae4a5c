/** FER2013 image folders (<label>/<image>.jpg) with their labels in Moodreel's emotion names. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../models/learning/linalg';
import type { Emotion } from '../../models/mood/emotions';

export const FER_TO_EMOTION: Record<string, Emotion> = {
  angry: 'angry',
  disgust: 'disgusted',
  fear: 'fearful',
  happy: 'happy',
  neutral: 'neutral',
  sad: 'sad',
  surprise: 'surprised',
};

/** Every labelled JPEG under `root`, folders and files in sorted order; at most `limit` per class when > 0. */
export function ferImages(root: string, limit = 0): { label: Emotion; path: string }[] {
  const out: { label: Emotion; path: string }[] = [];
  for (const folder of readdirSync(root).sort()) {
    const label = FER_TO_EMOTION[folder];
    if (!label) continue;
    const files = readdirSync(join(root, folder))
      .filter((f) => /\.jpe?g$/i.test(f))
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
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
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
