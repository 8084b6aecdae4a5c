/** How long ago a moment was, in the one unit a person would say it in ("5 minutes ago", "yesterday"). */

export type ElapsedUnit = 'second' | 'minute' | 'hour' | 'day' | 'week';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The time from `at` to `now` as a whole number of one unit, negative for the past (as `Intl.RelativeTimeFormat`
 * takes it). Under a minute is "now" (0 seconds); a moment ahead of `now` (a clock put back) counts as now too.
 */
export function elapsed(at: number, now: number): { value: number; unit: ElapsedUnit } {
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return { value: 0, unit: 'second' };
  if (ms < HOUR) return { value: -Math.floor(ms / MINUTE), unit: 'minute' };
  if (ms < DAY) return { value: -Math.floor(ms / HOUR), unit: 'hour' };
  if (ms < 7 * DAY) return { value: -Math.floor(ms / DAY), unit: 'day' };
  return { value: -Math.floor(ms / (7 * DAY)), unit: 'week' };
}

/**
 * How long from `now` until `elapsed(at, …)` says something else (the next whole minute, hour, day or week): when a
 * page left open should say it anew.
 */
export function untilElapsedChanges(at: number, now: number): number {
  const ms = Math.max(0, now - at);
  const step = ms < HOUR ? MINUTE : ms < DAY ? HOUR : ms < 7 * DAY ? DAY : 7 * DAY;
  return step - (ms % step);
}
