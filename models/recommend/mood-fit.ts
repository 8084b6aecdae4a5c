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
 * The weight-averaged chance of the tones the target wants times the chance of none it steers away from (each raised
 * to its relative weight), for the film whose tones start at `at` in the flat array `tones` (TONES order). 0..1. The
 * average (not "any wanted tone") keeps each target's leading tone in the lead, so different moods get different
 * films rather than the same all-rounders.
 */
export function moodFit(
  tones: ArrayLike<number>,
  at: number,
  terms: FitTerms,
  /** The same tones as ln(1 − p), where the caller keeps them (the ranker, per catalogue): one exp, not a pow per tone. */
  logAbsent?: ArrayLike<number>,
): number {
  let sum = 0;
  let total = 0;
  for (const w of terms.wanted) {
    sum += w.weight * tones[at + w.tone]!;
    total += w.weight;
  }
  if (total === 0) return 0;
  let log = 0;
  for (const u of terms.unwanted)
    log += u.weight * (logAbsent ? logAbsent[at + u.tone]! : Math.log1p(-tones[at + u.tone]!));
  return (sum / total) * Math.exp(log);
}

export function vetoed(tones: ArrayLike<number>, at: number, terms: FitTerms): boolean {
  return terms.unwanted.some((u) => tones[at + u.tone]! >= MOOD_FIT.veto);
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
