import { describe, expect, it } from 'vitest';
import { mean, sd } from '../../scripts/lib/metrics';
import { bootstrapShare, halfSamples } from '../../scripts/lib/stats';

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

describe('halfSamples', () => {
  it('draws halves without replacement, the same for the same seed', () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    const draws = halfSamples(items, 50, 3);
    for (const d of draws) {
      expect(d).toHaveLength(5);
      expect(new Set(d).size).toBe(5);
    }
    expect(halfSamples(items, 50, 3)).toEqual(draws);
    expect(halfSamples(items, 50, 4)).not.toEqual(draws);
  });

  it("spreads a mean over halves as the whole set's standard error, S/√n", () => {
    // A skewed set, so the check is not of a symmetric special case.
    const items = Array.from({ length: 120 }, (_, i) => (i % 7 === 0 ? 5 : (i % 3) / 2));
    const means = halfSamples(items, 4000, 1).map(mean);
    const standardError = sd(items) / Math.sqrt(items.length);
    expect(sd(means) / standardError).toBeGreaterThan(0.95);
    expect(sd(means) / standardError).toBeLessThan(1.05);
  });
});
