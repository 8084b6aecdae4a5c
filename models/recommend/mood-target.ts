/**
 * From a mood to what the picks should feel like. Two strategies the user chooses between:
 * - match: mood-congruent picks (a sad viewer gets a moving drama, an excited one an adventure);
 * - lift: mood repair after Zillmann's mood-management theory (Zillmann 1988, "Mood management through
 *   communication choices", American Behavioral Scientist 31(3)): people in a bad mood do best with content that is
 *   pleasant, absorbing enough to interrupt rumination, and unlike the mood's own theme ("low behavioural
 *   affinity"); over-aroused viewers calm down, under-aroused ones perk up.
 * Each emotion's target is a row of tone weights in the table below (negative = steer away). Neutral has a weak target
 * and leans on personal taste. A mood with several emotions, or a group of faces, blends the rows by probability.
 */
import type { Tone } from '../catalogue/tones';
import { TONES } from '../catalogue/tones';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../mood/emotions';

export type Strategy = 'match' | 'lift';
export const STRATEGIES: readonly Strategy[] = ['match', 'lift'];

type Row = Partial<Record<Tone, number>>;

export const TARGETS: Record<Emotion, Record<Strategy, Row>> = {
  happy: {
    match: { funny: 1, whimsical: 0.4, romantic: 0.3, sad: -0.6, dark: -0.5, scary: -0.4 },
    // Keep it going: uplifting, rousing.
    lift: { feelGood: 1, inspiring: 0.8, thrilling: 0.5, funny: 0.3, sad: -0.5, dark: -0.5 },
  },
  sad: {
    match: { sad: 1, thoughtProvoking: 0.3, romantic: 0.3, scary: -0.6, funny: -0.4 },
    // Comfort first: warmth, then a smile.
    lift: { heartwarming: 1, feelGood: 0.5, funny: 0.3, sad: -0.8, dark: -0.7, scary: -0.6 },
  },
  angry: {
    match: { tense: 1, dark: 0.5, thrilling: 0.5, romantic: -0.3, whimsical: -0.3 },
    // Calm down: gentle and absorbing, nothing that keeps the heat up.
    lift: { atmospheric: 1, whimsical: 0.4, tense: -0.7, dark: -0.7, scary: -0.5 },
  },
  fearful: {
    match: { scary: 1, tense: 0.5, surprising: 0.3, funny: -0.3 },
    // Laughter breaks fear best, with nothing that feeds it.
    lift: { funny: 1, feelGood: 0.2, scary: -1, tense: -0.7, dark: -0.6 },
  },
  disgusted: {
    match: { dark: 1, thoughtProvoking: 0.5, funny: 0.2, romantic: -0.3 },
    // Something beautiful and good to wash it away.
    lift: { romantic: 1, inspiring: 0.7, heartwarming: 0.4, atmospheric: 0.4, dark: -0.8, sad: -0.5, scary: -0.5 },
  },
  surprised: {
    match: { surprising: 1, thoughtProvoking: 0.4, tense: 0.3 },
    lift: { whimsical: 1, feelGood: 0.3, dark: -0.4 },
  },
  neutral: {
    match: { thoughtProvoking: 0.2, atmospheric: 0.2 },
    lift: { thrilling: 0.4, surprising: 0.3, inspiring: 0.3, funny: 0.2 },
  },
};

/**
 * How a strategy reads for the mood: fits it, lifts a low one, calms a heated one, eases fear, washes away disgust,
 * keeps a good one or a surprised one's wonder going, evens or sparks. A fearful or disgusted face is not "low": the
 * words follow the row's intent.
 */
export const PHRASES = [
  'fits',
  'liftLow',
  'liftHeated',
  'easeFear',
  'washAway',
  'keepGood',
  'keepWonder',
  'even',
  'spark',
] as const;
export type Phrase = (typeof PHRASES)[number];

const LIFT_PHRASE: Record<Emotion, Phrase> = {
  happy: 'keepGood',
  surprised: 'keepWonder',
  sad: 'liftLow',
  angry: 'liftHeated',
  fearful: 'easeFear',
  disgusted: 'washAway',
  neutral: 'spark',
};

/** How each strategy reads in a pick's reason ("fits a sad mood", "lifts a low mood", "eases a fearful mood"…). */
export function targetPhrase(dominant: Emotion, strategy: Strategy): Phrase {
  if (strategy === 'lift') return LIFT_PHRASE[dominant];
  return dominant === 'neutral' ? 'even' : 'fits';
}

export interface MoodTarget {
  /** Tone weights, blended over the mood's emotions. */
  weights: Record<Tone, number>;
  /** 0..1: how much the mood should drive the ranking (neutral and unsure moods leave more to taste). */
  strength: number;
  dominant: Emotion;
  strategy: Strategy;
  /** The emotions the target blends, with their shares (the mood's probabilities). */
  mix: Partial<Record<Emotion, number>>;
}

/** One emotion's row of the table as a full set of tone weights. */
export function targetWeights(emotion: Emotion, strategy: Strategy): Record<Tone, number> {
  const weights = Object.fromEntries(TONES.map((t) => [t, 0])) as Record<Tone, number>;
  for (const [tone, w] of Object.entries(TARGETS[emotion][strategy]) as [Tone, number][]) weights[tone] = w;
  return weights;
}

export function moodTarget(probabilities: EmotionProbabilities, strategy: Strategy, confidence = 1): MoodTarget {
  const weights = Object.fromEntries(TONES.map((t) => [t, 0])) as Record<Tone, number>;
  let dominant: Emotion = 'neutral';
  for (const e of EMOTIONS) {
    if (probabilities[e] > probabilities[dominant]) dominant = e;
    for (const [tone, w] of Object.entries(TARGETS[e][strategy]) as [Tone, number][])
      weights[tone] += probabilities[e] * w;
  }
  // Neutral leans on personal taste: a fully neutral face leaves a fifth of the say to the mood.
  const strength = Math.max(0.2, Math.min(1, confidence)) * (1 - 0.8 * probabilities.neutral);
  return { weights, strength, dominant, strategy, mix: { ...probabilities } };
}

/** A target's largest tone weight, either sign (never 0): what its other weights are measured against. */
export function topWeight(weights: Record<Tone, number>): number {
  return Math.max(...TONES.map((t) => Math.abs(weights[t])), 1e-9);
}

/** The tones a target wants and those it steers away from: weights beyond a tenth of its largest, by sign. */
export function toneSides(target: Pick<MoodTarget, 'weights'>): { wanted: Tone[]; unwanted: Tone[] } {
  const top = topWeight(target.weights);
  return {
    wanted: TONES.filter((t) => target.weights[t] > 0.1 * top),
    unwanted: TONES.filter((t) => target.weights[t] < -0.1 * top),
  };
}
