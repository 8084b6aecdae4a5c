/**
 * Moods as users meet them: the probability vectors the extension's own analyzer (Node, tfjs wasm, the shipped
 * weights and config) reads from real photos of posed faces, usually a blend ("50 % sad + 20 % neutral + 17 %
 * fearful"). Evaluation only: the photos stay in ../shared/data; only the vectors are cached, in the ignored .cache/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { createFaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import type { EmotionProbabilities } from '../../models/mood/emotions';
import { moodFromFaces } from '../../models/mood/mood';
import { readCsv } from './csv';
import { NODE_MODELS, startWasm, tf } from './expression-features';
import { decodeJpeg } from './image';

export interface RealMood {
  photo: string;
  posed: string;
  probabilities: EmotionProbabilities;
  confidence: number;
}

const SET = 'faces-expressions/taiwan-performers';
/** Photos per posed expression: a fixed, evenly spaced draw from each folder's sorted list. */
const PER_LABEL = 6;

/** The analyzer's reading of PER_LABEL photos per posed expression (the observers agreed with the pose). */
export async function realMoods(data: string): Promise<RealMood[]> {
  const cache = resolve('.cache/real-moods.json');
  const rows = readCsv(join(data, SET, 'labels.csv')).filter((r) => r.agree === '1');
  const chosen: { path: string; posed: string }[] = [];
  for (const posed of [...new Set(rows.map((r) => r.emotion!))].sort()) {
    const list = rows
      .filter((r) => r.emotion === posed)
      .map((r) => r.path!)
      .sort();
    for (let i = 0; i < PER_LABEL && i < list.length; i++)
      chosen.push({ path: list[Math.floor((i * list.length) / PER_LABEL)]!, posed });
  }
  const key = chosen.map((c) => c.path).join('|');
  if (existsSync(cache)) {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as { key: string; moods: RealMood[] };
    if (cached.key === key) return cached.moods;
  }
  await startWasm();
  const analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny']);
  const moods: RealMood[] = [];
  for (const { path, posed } of chosen) {
    const img = decodeJpeg(join(data, SET, path));
    const t = (tf as unknown as { tensor3d: (d: Uint8Array, s: number[], k: string) => { dispose(): void } }).tensor3d(
      img.rgb,
      [img.height, img.width, 3],
      'int32',
    );
    const mood = moodFromFaces(await analyzer.predict(t as never));
    t.dispose();
    if (mood.kind === 'mood')
      moods.push({ photo: path, posed, probabilities: mood.probabilities, confidence: mood.confidence });
  }
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify({ key, moods }));
  return moods;
}
