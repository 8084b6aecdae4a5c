/**
 * The moment of a mood check: how long the user has got, and whether it is late in the evening (when a lift should
 * calm rather than rouse). Both shape the list, and a pick they brought in says so in its reasons.
 */
import { TONE_AFFECT } from '../catalogue/tones';
import { TONES } from '../catalogue/tones';
import { topWeight, type MoodTarget } from './mood-target';
import type { Pick, RankContext, Ranker } from './ranker';
import type { Reason } from './reasons';

export interface Moment {
  /** The longest runtime to pick, in minutes; null for any. */
  maxMinutes: number | null;
  /** The user's local hour, 0–23; null when unknown. */
  hour: number | null;
}

/** From this hour until LATE_UNTIL it is late evening. */
const LATE_FROM = 21;
const LATE_UNTIL = 4;
/** Late in the evening, a lift target's rousing tones count this much less per unit of their arousal… */
const LATE_CALMING = 0.6;
/** …and calm, not unpleasant tones are wanted this much per unit of their calm (times the target's top weight). */
const LATE_SOOTHING = 1;

export function isLate(hour: number | null): boolean {
  return hour !== null && (hour >= LATE_FROM || hour < LATE_UNTIL);
}

/**
 * A lift target for late evening: tones that rouse (thrilling, tense, surprising…) are wanted less, and calm ones
 * that are not unpleasant (atmospheric, heartwarming, thought-provoking) more, unless the target steers away from them.
 */
export function calmedForLateEvening(target: MoodTarget): MoodTarget {
  if (target.strategy !== 'lift') return target;
  const top = topWeight(target.weights);
  const weights = { ...target.weights };
  for (const t of TONES) {
    const { valence, arousal } = TONE_AFFECT[t];
    if (weights[t] > 0) weights[t] *= 1 - LATE_CALMING * Math.max(0, arousal);
    if (weights[t] >= 0 && arousal < 0 && valence > -0.1) weights[t] += LATE_SOOTHING * -arousal * top;
  }
  return { ...target, weights };
}

/**
 * Ranks for the moment: the runtime limit filters, late evening calms a lift. Where either changed the list, the
 * picks it brought in say why (ranked once more without the moment to know which those are).
 */
export function rankForMoment(ranker: Ranker, ctx: RankContext, moment: Moment): Pick[] {
  const late = isLate(moment.hour) && ctx.target.strategy === 'lift';
  const limited = moment.maxMinutes !== null;
  if (!late && !limited) return ranker.rank(ctx);
  const picks = ranker.rank({
    ...ctx,
    target: late ? calmedForLateEvening(ctx.target) : ctx.target,
    filters: limited ? { ...ctx.filters, maxMinutes: moment.maxMinutes } : ctx.filters,
  });
  const usual = new Set(ranker.rank(ctx).map((p) => p.movie.movieId));
  return picks.map((p) => {
    if (usual.has(p.movie.movieId)) return p;
    const extra: Reason[] = [];
    if (limited && p.movie.runtime !== null) extra.push({ kind: 'runtime', minutes: p.movie.runtime });
    if (late) extra.push({ kind: 'lateEvening' });
    return { ...p, reasons: [...p.reasons.slice(0, 3 - extra.length), ...extra] };
  });
}
