/**
 * How well a film fits a mood target, from its calibrated tones (probabilities, see catalogue/tone-model.ts): the
 * chance that it carries a tone the target wants (each tone counted by its weight) and none the target steers away
 * from. A film likely to carry an unwanted tone is vetoed outright, whatever its rating. Which tones a reason may name
 * is decided here too, so a reason says only what the film's profile clearly supports.
 */
import { TONES, type Tone, type ToneScores } from '../catalogue/tones';
import { TONE_REASON_AT } from '../catalogue/tone-reasons';
import { toneSides, topWeight, type MoodTarget } from './mood-target';

export const MOOD_FIT = {
  /** An unwanted tone at least this likely keeps a film out of a mood-led list. */
  veto: 0.21,
  /** A mood-led list draws from films whose fit is at least this share of the best fit (times the mood's strength). */
  pool: 0.4,
  /** Until the user's taste is known, the share of its fit a film loses in a mood that is not one of its homes. */
  away: 0.3,
};

interface Term {
  tone: number;
  /** The tone's weight relative to the target's largest. */
  weight: number;
}

export interface FitTerms {
  wanted: Term[];
  unwanted: Term[];
}

export function fitTerms(target: Pick<MoodTarget, 'weights'>): FitTerms {
  const { wanted, unwanted } = toneSides(target);
  const top = topWeight(target.weights);
  const term = (t: Tone): Term => ({ tone: TONES.indexOf(t), weight: Math.abs(target.weights[t]) / top });
  return { wanted: wanted.map(term), unwanted: unwanted.map(term) };
}

/**
 * A catalogue's tones by column: title i's tone j at j·n + i, so a target reads only the columns of its own tones
 * (a few of the fourteen) instead of every title's whole row.
 */
export interface ToneColumns {
  /** How many titles. */
  n: number;
  /** The chance of each tone (single precision for a catalogue). */
  p: Float32Array | Float64Array;
  /** The same as ln(1 − p): the chance of none of the unwanted tones is one exp, not a pow per tone. */
  logAbsent: Float64Array;
}

/** The columns of titles' tones, in TONES order; a catalogue's in single precision, one film's as it is. */
export function toneColumns(
  titles: readonly ToneScores[],
  Precision: Float32ArrayConstructor | Float64ArrayConstructor = Float32Array,
): ToneColumns {
  const n = titles.length;
  const p = new Precision(n * TONES.length);
  titles.forEach((tones, i) => TONES.forEach((t, j) => (p[j * n + i] = tones[t])));
  return { n, p, logAbsent: Float64Array.from(p, (v) => Math.log1p(-v)) };
}

/**
 * The weight-averaged chance of the tones the target wants times the chance of none it steers away from (each raised
 * to its relative weight), for title `i` of `tones`. 0..1. The average (not "any wanted tone") keeps each target's
 * leading tone in the lead, so different moods get different films rather than the same all-rounders.
 */
export function moodFit({ n, p, logAbsent }: ToneColumns, i: number, terms: FitTerms): number {
  let sum = 0;
  let total = 0;
  for (const w of terms.wanted) {
    sum += w.weight * p[w.tone * n + i]!;
    total += w.weight;
  }
  if (total === 0) return 0;
  let log = 0;
  for (const u of terms.unwanted) log += u.weight * logAbsent[u.tone * n + i]!;
  return (sum / total) * Math.exp(log);
}

export function vetoed({ n, p }: ToneColumns, i: number, terms: FitTerms): boolean {
  for (const u of terms.unwanted) if (p[u.tone * n + i]! >= MOOD_FIT.veto) return true;
  return false;
}

/**
 * The tones (at most two, strongest first) a reason may name: wanted by the target, and the film's probability at
 * least the tone model's `reasonAt` for it (where the tone was right 9 times in 10; always far above the tone's
 * top-decile mark in the catalogue). Tones the model cannot vouch for are never named.
 */
export function reasonTones(
  film: ToneScores,
  target: MoodTarget,
  reasonAt: Readonly<Record<Tone, number | null>> = TONE_REASON_AT,
): Tone[] {
  const { wanted } = toneSides(target);
  return wanted
    .filter((t) => reasonAt[t] !== null && film[t] >= reasonAt[t]!)
    .sort((a, b) => target.weights[b] * film[b] - target.weights[a] * film[a])
    .slice(0, 2);
}
