/**
 * How sure a read is, in words a person understands, from the mood's confidence (see `moodFromFaces`). Under
 * `hard` the popup does not claim a mood: it says it is hard to tell and offers the correction first.
 */
export const SURENESS = ['sure', 'fairly', 'unsure', 'hard'] as const;
export type Sureness = (typeof SURENESS)[number];

/**
 * Lower bounds of each word on the confidence. The confidence is a margin-aware certainty (a 52 % / 30 % split reads
 * about 0.25), so "fairly sure" already means the leading emotion clearly leads.
 */
export const SURENESS_FROM: Readonly<Record<Exclude<Sureness, 'hard'>, number>> = {
  sure: 0.45,
  fairly: 0.25,
  unsure: 0.12,
};

export function sureness(confidence: number): Sureness {
  if (confidence >= SURENESS_FROM.sure) return 'sure';
  if (confidence >= SURENESS_FROM.fairly) return 'fairly';
  if (confidence >= SURENESS_FROM.unsure) return 'unsure';
  return 'hard';
}
