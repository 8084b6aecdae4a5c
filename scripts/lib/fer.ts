/** FER2013 image folders (<label>/<image>.jpg) with their labels in Moodreel's emotion names. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
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
