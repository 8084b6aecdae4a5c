import { describe, expect, it } from 'vitest';
import { elapsed } from '../../models/elapsed';

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
});
