import { describe, expect, it } from 'vitest';
import { mean, sd } from '../../scripts/lib/metrics';
import { bootstrapShare, subsampleScale, subsamples } from '../../scripts/lib/stats';

describe('bootstrapShare', () => {
  it('has no spread when every unit says the same, and brackets the share when they differ', () => {
    const same = bootstrapShare(Array.from({ length: 10 }, () => ({ count: 4, hits: 3 })));
    expect(same.low).toBeCloseTo(0.75);
    expect(same.high).toBeCloseTo(0.75);
    const mixed = Array.from({ length: 20 }, (_, i) => ({ count: 1 + (i % 3), hits: i % 4 === 0 ? 0 : 1 + (i % 3) }));
    const share = mixed.reduce((s, u) => s + u.hits, 0) / mixed.reduce((s, u) => s + u.count, 0);
    const r = bootstrapShare(mixed);
    expect(r.low).toBeLessThan(share);
    expect(r.high).toBeGreaterThan(share);
  });

  it('resamples units, not events: one unit shown many times is one piece of evidence', () => {
    // 5 titles named once each, all right, plus one wrong title named 20 times: the pooled share is 5 / 25.
    const units = [...Array.from({ length: 5 }, () => ({ count: 1, hits: 1 })), { count: 20, hits: 0 }];
    const r = bootstrapShare(units);
    // Draws without the heavy title come out at 1, so the interval reaches far above the pooled share.
    expect(r.high).toBe(1);
    expect(r.low).toBeLessThan(0.2);
  });

  it('gives NaN for no units', () => {
    expect(bootstrapShare([]).low).toBeNaN();
  });
});

describe('subsamples', () => {
  it('draws without replacement, the same for the same seed', () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    const draws = subsamples(items, 0.5, 50, 3);
    for (const d of draws) {
      expect(d).toHaveLength(5);
      expect(new Set(d).size).toBe(5);
    }
    expect(subsamples(items, 0.5, 50, 3)).toEqual(draws);
    expect(subsamples(items, 0.5, 50, 4)).not.toEqual(draws);
    expect(subsamples(items, 0.8, 1)[0]).toHaveLength(8);
  });

  it("spreads a mean, scaled, as the whole set's standard error S/√n, whatever the share", () => {
    // A skewed set, so the check is not of a symmetric special case.
    const items = Array.from({ length: 120 }, (_, i) => (i % 7 === 0 ? 5 : (i % 3) / 2));
    const standardError = sd(items) / Math.sqrt(items.length);
    for (const share of [0.5, 0.8, 0.9]) {
      const means = subsamples(items, share, 4000, 1).map(mean);
      const ratio = (sd(means) * subsampleScale(items.length, share)) / standardError;
      expect(ratio).toBeGreaterThan(0.95);
      expect(ratio).toBeLessThan(1.05);
    }
    // 108 of 120 drawn: √(108 / 12).
    expect(subsampleScale(120, 0.9)).toBe(3);
  });
});
