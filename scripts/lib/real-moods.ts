/**
 * Moods as users meet them: the probability vectors the extension's own analyzer (Node, tfjs wasm, the shipped
 * weights and config) reads from real photos of posed faces, usually a blend ("50 % sad + 20 % neutral + 17 %
 * fearful"). Evaluation only: the photos stay in ../shared/data; only the vectors are cached, in the ignored .cache/,
 * keyed by the photos and by the reading (weights and config), so a changed analyzer is read again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import { cnnWeightFiles } from '../../models/face/expression-cnn';
import type { EmotionProbabilities } from '../../models/mood/emotions';
import { readPhotoMoods, readPhotos, type Photo } from './photos';

export interface RealMood {
  photo: string;
  posed: string;
  probabilities: EmotionProbabilities;
  confidence: number;
}

const SET = 'faces-expressions/taiwan-performers';
/** Photos per posed expression: a fixed, evenly spaced draw from each folder's sorted list. */
const PER_LABEL = 6;
/** What the reading depends on besides the photos: the manifests and every CNN member's weights. */
const READING = [
  'models/weights/expression-cnn.json',
  'models/weights/expression-calibration.json',
  ...cnnWeightFiles().map((file) => `models/weights/${file}`),
];

/** The analyzer's reading of PER_LABEL photos per posed expression (the observers agreed with the pose). */
export async function realMoods(data: string): Promise<RealMood[]> {
  const cache = resolve('.cache/real-moods.json');
  const root = join(data, SET);
  const agreed = readPhotos(root).filter((p) => p.agree === true);
  const chosen: Photo[] = [];
  for (const posed of [...new Set(agreed.map((p) => p.label))].sort()) {
    const list = agreed.filter((p) => p.label === posed).sort((a, b) => a.path.localeCompare(b.path));
    for (let i = 0; i < PER_LABEL && i < list.length; i++)
      chosen.push(list[Math.floor((i * list.length) / PER_LABEL)]!);
  }
  const reading = createHash('sha256');
  for (const file of READING) reading.update(readFileSync(resolve(file)));
  reading.update(JSON.stringify(DEFAULT_ANALYZER_CONFIG));
  const key = `${chosen.map((p) => relative(root, p.path)).join('|')}|${reading.digest('hex')}`;
  if (existsSync(cache)) {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; moods: RealMood[] };
    if (cached.key === key) return cached.moods;
  }
  const { readings } = await readPhotoMoods(chosen);
  const moods = readings.flatMap(({ photo, mood }) =>
    mood.kind === 'mood'
      ? [
          {
            photo: relative(root, photo.path),
            posed: photo.label,
            probabilities: mood.probabilities,
            confidence: mood.confidence,
          },
        ]
      : [],
  );
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify({ key, moods }));
  return moods;
}
