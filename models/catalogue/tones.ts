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
