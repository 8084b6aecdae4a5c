/**
 * The personal mood map: how *this* user wants each mood handled, learned from the feedback they give on picks shown
 * after a mood check. Per emotion, offsets to the table's tone weights (mood-target.ts) and a leaning between
 * matching and lifting. Each lesson moves the map a little and every lesson shrinks it a little toward the table,
 * so a few stray thumbs do not rewrite it and an old habit fades. Pure; stored inside the user model, so it is
 * exported, imported and deleted with it, and the options page can reset it.
 */
import { TONES, type Tone, type ToneScores } from '../catalogue/tones';
import type { MoodLesson } from './mood-lesson';
import { isRecord } from '../checks';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../mood/emotions';
import { fitTerms, moodFit, toneColumns } from '../recommend/mood-fit';
import { targetWeights, type MoodTarget, type Strategy } from '../recommend/mood-target';

export interface MoodMapEntry {
  /** Added to the table's tone weights for this emotion. */
  offsets: Partial<Record<Tone, number>>;
  /** −1 (this user wants the mood matched) .. 1 (lifted). */
  lean: number;
  /** Lessons learned for this emotion. */
  lessons: number;
}

export type MoodMap = Partial<Record<Emotion, MoodMapEntry>>;

export const MOOD_MAP = {
  /** How far one lesson moves a tone's offset (times how far the film's tone is from its average tone). */
  rate: 0.3,
  /** Share of the learned offsets and lean each lesson gives back to the table. */
  prior: 0.04,
  /** Offsets stay within ±cap. */
  cap: 1,
  /** How far one lesson moves the leaning. */
  leanRate: 0.15,
  /** A leaning this strong blends half as much of the other strategy into the target (at ±1 it would be half). */
  leanBlend: 0.5,
  /** An offset from which a reason may say the user often picks this tone in this mood. */
  sayFrom: 0.3,
};

/** How much each kind of feedback teaches: +1 wanted, −1 not wanted; "seen" says nothing about the mood. */
const LESSON: Record<string, number> = { up: 1, watchlist: 0.6, seen: 0, down: -1, 'not-interested': -0.6 };

const clamp = (x: number, cap: number) => Math.max(-cap, Math.min(cap, x));

/** The map after one piece of feedback on a film with calibrated `tones`, given in the mood `lesson`. */
export function learnMood(map: MoodMap, lesson: MoodLesson, tones: ToneScores, signal: string): MoodMap {
  const y = LESSON[signal] ?? 0;
  if (y === 0) return map;
  const old = map[lesson.emotion] ?? { offsets: {}, lean: 0, lessons: 0 };
  const average = TONES.reduce((s, t) => s + tones[t], 0) / TONES.length;
  const offsets: Partial<Record<Tone, number>> = {};
  for (const t of TONES) {
    const v = clamp(
      (1 - MOOD_MAP.prior) * (old.offsets[t] ?? 0) + MOOD_MAP.rate * y * (tones[t] - average),
      MOOD_MAP.cap,
    );
    if (Math.abs(v) >= 1e-4) offsets[t] = Math.round(v * 1e4) / 1e4;
  }
  // Did the film suit lifting this mood better than matching it?
  const film = toneColumns([tones], Float64Array);
  const lift = moodFit(film, 0, fitTerms({ weights: targetWeights(lesson.emotion, 'lift') }));
  const match = moodFit(film, 0, fitTerms({ weights: targetWeights(lesson.emotion, 'match') }));
  const lean = clamp((1 - MOOD_MAP.prior) * old.lean + MOOD_MAP.leanRate * y * Math.sign(lift - match), 1);
  return { ...map, [lesson.emotion]: { offsets, lean: Math.round(lean * 1e4) / 1e4, lessons: old.lessons + 1 } };
}

/**
 * The target as this user wants it: each emotion's learned offsets added in proportion to its probability, and
 * part of the other strategy's row blended in where the user leans that way.
 */
export function personalTarget(target: MoodTarget, probabilities: EmotionProbabilities, map: MoodMap): MoodTarget {
  const weights = { ...target.weights };
  const other: Strategy = target.strategy === 'match' ? 'lift' : 'match';
  for (const e of EMOTIONS) {
    const entry = map[e];
    const p = probabilities[e];
    if (!entry || p <= 0) continue;
    const toward = target.strategy === 'match' ? entry.lean : -entry.lean;
    const blend = Math.max(0, toward) * MOOD_MAP.leanBlend;
    if (blend > 0) {
      const own = targetWeights(e, target.strategy);
      const theirs = targetWeights(e, other);
      for (const t of TONES) weights[t] += p * blend * (theirs[t] - own[t]);
    }
    for (const t of TONES) weights[t] += p * (entry.offsets[t] ?? 0);
  }
  return { ...target, weights };
}

/** The tone this user has learned to want most in this mood, if it is strong enough to say so. */
export function learnedTone(map: MoodMap, emotion: Emotion): Tone | null {
  const offsets = map[emotion]?.offsets ?? {};
  let best: Tone | null = null;
  for (const t of TONES) if ((offsets[t] ?? 0) >= MOOD_MAP.sayFrom && (!best || offsets[t]! > offsets[best]!)) best = t;
  return best;
}

/** How many lessons the map holds, and the tone it has learned to want most per emotion, where one stands out. */
export function moodMapSummary(map: MoodMap): { lessons: number; learned: { emotion: Emotion; tone: Tone }[] } {
  return {
    lessons: EMOTIONS.reduce((n, e) => n + (map[e]?.lessons ?? 0), 0),
    learned: EMOTIONS.flatMap((emotion) => {
      const tone = learnedTone(map, emotion);
      return tone ? [{ emotion, tone }] : [];
    }),
  };
}

const isEmotion = (v: unknown): v is Emotion => (EMOTIONS as readonly unknown[]).includes(v);

/** A stored map back to a valid one: unknown emotions, tones and non-finite numbers are dropped. */
export function parseMoodMap(raw: unknown): MoodMap {
  if (!isRecord(raw)) return {};
  const map: MoodMap = {};
  for (const [e, r] of Object.entries(raw)) {
    if (!isEmotion(e) || !isRecord(r)) continue;
    const offsets: Partial<Record<Tone, number>> = {};
    if (isRecord(r.offsets))
      for (const [t, x] of Object.entries(r.offsets))
        if ((TONES as readonly string[]).includes(t) && Number.isFinite(x)) offsets[t as Tone] = clamp(x as number, 1);
    map[e] = {
      offsets,
      lean: Number.isFinite(r.lean) ? clamp(r.lean as number, 1) : 0,
      lessons: Number.isSafeInteger(r.lessons) && (r.lessons as number) >= 0 ? (r.lessons as number) : 0,
    };
  }
  return map;
}
