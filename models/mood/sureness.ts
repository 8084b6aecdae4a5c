/**
 * How sure a read is, in words a person understands, from the calibrated chance that it is right (see chance.ts).
 * Under `hard` the popup does not claim a mood: it says it is hard to tell and offers the correction first.
 */
export const SURENESS = ['sure', 'fairly', 'unsure', 'hard'] as const;
export type Sureness = (typeof SURENESS)[number];

/** Lower bounds of each word on the chance of being right: "sure" is right at least three times in four. */
export const SURENESS_FROM: Readonly<Record<Exclude<Sureness, 'hard'>, number>> = {
  sure: 0.75,
  fairly: 0.55,
  unsure: 0.35,
};

export function sureness(chance: number): Sureness {
  if (chance >= SURENESS_FROM.sure) return 'sure';
  if (chance >= SURENESS_FROM.fairly) return 'fairly';
  if (chance >= SURENESS_FROM.unsure) return 'unsure';
  return 'hard';
}
