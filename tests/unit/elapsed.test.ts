import { describe, expect, it } from 'vitest';
import { elapsed, untilElapsedChanges } from '../../models/elapsed';

const NOW = Date.UTC(2026, 11, 5, 22, 0);
const ago = (ms: number) => elapsed(NOW - ms, NOW);

describe('elapsed', () => {
  it('says "now" under a minute, and for a moment ahead of the clock', () => {
    expect(ago(0)).toEqual({ value: 0, unit: 'second' });
    expect(ago(59_999)).toEqual({ value: 0, unit: 'second' });
    expect(ago(-3_600_000)).toEqual({ value: 0, unit: 'second' });
  });

  it('counts whole units, the largest that fits, in the past', () => {
    expect(ago(60_000)).toEqual({ value: -1, unit: 'minute' });
    expect(ago(59 * 60_000 + 59_000)).toEqual({ value: -59, unit: 'minute' });
    expect(ago(3_600_000)).toEqual({ value: -1, unit: 'hour' });
    expect(ago(23.9 * 3_600_000)).toEqual({ value: -23, unit: 'hour' });
    expect(ago(24 * 3_600_000)).toEqual({ value: -1, unit: 'day' });
    expect(ago(6.9 * 86_400_000)).toEqual({ value: -6, unit: 'day' });
    expect(ago(7 * 86_400_000)).toEqual({ value: -1, unit: 'week' });
    expect(ago(30 * 86_400_000)).toEqual({ value: -4, unit: 'week' });
  });

  it('knows when it will say something else, and says it then', () => {
    const until = (ms: number) => untilElapsedChanges(NOW - ms, NOW);
    for (const ms of [0, 59_999, 60_000, 61_500, 59 * 60_000 + 59_000, 3_600_000, 5.5 * 3_600_000, 3.2 * 86_400_000]) {
      const wait = until(ms);
      expect(wait, String(ms)).toBeGreaterThan(0);
      expect(ago(ms + wait), String(ms)).not.toEqual(ago(ms));
      expect(ago(ms + wait - 1), String(ms)).toEqual(ago(ms));
    }
    expect(until(0)).toBe(60_000);
    expect(until(90_000)).toBe(30_000);
    expect(until(90 * 60_000)).toBe(30 * 60_000);
    expect(untilElapsedChanges(NOW + 5_000, NOW)).toBe(60_000);
  });
});
