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
import type { Phrase } from './reasons';
import type { Tone } from '../catalogue/tones';
import { TONES } from '../catalogue/tones';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../mood/emotions';

export type Strategy = 'match' | 'lift';

type Row = Partial<Record<Tone, number>>;

export const TARGETS: Record<Emotion, Record<Strategy, Row>> = {
  happy: {
    match: { funny: 1, feelGood: 1, whimsical: 0.5, thrilling: 0.5, romantic: 0.4, sad: -0.5, dark: -0.3 },
    lift: { inspiring: 0.8, feelGood: 0.8, thrilling: 0.6, funny: 0.6, surprising: 0.3, sad: -0.4 },
  },
  sad: {
    match: { sad: 1, heartwarming: 0.7, thoughtProvoking: 0.4, romantic: 0.3, thrilling: -0.4, scary: -0.6 },
    lift: {
      feelGood: 1,
      funny: 0.8,
      heartwarming: 0.6,
      inspiring: 0.6,
      whimsical: 0.4,
      sad: -0.8,
      dark: -0.6,
      scary: -0.5,
    },
  },
  angry: {
    match: { thrilling: 1, tense: 0.6, dark: 0.4, funny: 0.2 },
    lift: { funny: 0.7, feelGood: 0.6, whimsical: 0.5, atmospheric: 0.4, tense: -0.6, dark: -0.6, thrilling: -0.3 },
  },
  fearful: {
    match: { tense: 0.8, scary: 0.6, surprising: 0.4, thrilling: 0.3 },
    lift: { feelGood: 1, funny: 0.7, heartwarming: 0.6, whimsical: 0.3, scary: -1, tense: -0.7, dark: -0.5 },
  },
  disgusted: {
    match: { dark: 0.8, thoughtProvoking: 0.5, funny: 0.3 },
    lift: { whimsical: 0.8, feelGood: 0.7, heartwarming: 0.5, romantic: 0.4, dark: -0.7, scary: -0.4 },
  },
  surprised: {
    match: { surprising: 1, thrilling: 0.6, whimsical: 0.4, tense: 0.3 },
    lift: { inspiring: 0.6, whimsical: 0.6, feelGood: 0.5, surprising: 0.4 },
  },
  neutral: {
    match: { feelGood: 0.2, funny: 0.2, thrilling: 0.2, thoughtProvoking: 0.2, surprising: 0.2 },
    lift: { funny: 0.4, thrilling: 0.4, feelGood: 0.4, surprising: 0.3 },
  },
};

/** How each strategy reads in a pick's reason, by the mood's valence ("fits a sad mood", "lifts a low mood"…). */
export function targetPhrase(dominant: Emotion, strategy: Strategy): Phrase {
  if (dominant === 'neutral') return strategy === 'lift' ? 'spark' : 'even';
  const low = dominant === 'sad' || dominant === 'fearful' || dominant === 'disgusted' || dominant === 'angry';
  if (strategy === 'lift') return low ? (dominant === 'angry' ? 'liftHeated' : 'liftLow') : 'keepGood';
  return 'fits';
}

export interface MoodTarget {
  /** Tone weights, blended over the mood's emotions. */
  weights: Record<Tone, number>;
  /** 0..1: how much the mood should drive the ranking (neutral and unsure moods leave more to taste). */
  strength: number;
  dominant: Emotion;
  strategy: Strategy;
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
  return { weights, strength, dominant, strategy };
}
