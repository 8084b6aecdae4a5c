/** The interpretable dimensions of a movie's mood profile. Each is 0..1: how strongly the movie carries it. */
export const TONES = [
  'funny',
  'feelGood',
  'heartwarming',
  'romantic',
  'sad',
  'dark',
  'tense',
  'scary',
  'thrilling',
  'thoughtProvoking',
  'inspiring',
  'whimsical',
  'surprising',
  'atmospheric',
] as const;

export type Tone = (typeof TONES)[number];
export type ToneScores = Record<Tone, number>;

/** A movie's emotional profile: tone strengths plus where it sits on the valence/arousal circumplex (-1..1). */
export interface MoodProfile {
  tones: ToneScores;
  valence: number;
  arousal: number;
}

export function zeroTones(): ToneScores {
  return Object.fromEntries(TONES.map((t) => [t, 0])) as ToneScores;
}

/**
 * How a profile's tones place the movie on the circumplex: (valence, arousal) contribution of each tone at full
 * strength, averaged over the tones by strength. Signs follow Russell (1980): amusement and warmth are pleasant,
 * fear and gloom unpleasant; suspense, fright and action are activating, sadness and reflection calming.
 */
export const TONE_AFFECT: Record<Tone, { valence: number; arousal: number }> = {
  funny: { valence: 0.8, arousal: 0.35 },
  feelGood: { valence: 0.9, arousal: 0.15 },
  heartwarming: { valence: 0.75, arousal: -0.25 },
  romantic: { valence: 0.65, arousal: 0.05 },
  sad: { valence: -0.75, arousal: -0.45 },
  dark: { valence: -0.7, arousal: 0.2 },
  tense: { valence: -0.35, arousal: 0.8 },
  scary: { valence: -0.6, arousal: 0.8 },
  thrilling: { valence: 0.25, arousal: 0.9 },
  thoughtProvoking: { valence: 0.05, arousal: -0.35 },
  inspiring: { valence: 0.7, arousal: 0.3 },
  whimsical: { valence: 0.6, arousal: 0.1 },
  surprising: { valence: 0.1, arousal: 0.6 },
  atmospheric: { valence: -0.05, arousal: -0.4 },
};

/** Prior weight of "no tone" in the circumplex average: a movie with little evidence stays near the centre. */
const AFFECT_PRIOR = 0.5;

/** A profile from tone strengths: valence/arousal as the strength-weighted mean of the tones' circumplex positions. */
export function withAffect(tones: ToneScores): MoodProfile {
  let total = AFFECT_PRIOR;
  let valence = 0;
  let arousal = 0;
  for (const t of TONES) {
    total += tones[t];
    valence += tones[t] * TONE_AFFECT[t].valence;
    arousal += tones[t] * TONE_AFFECT[t].arousal;
  }
  return { tones, valence: valence / total, arousal: arousal / total };
}
