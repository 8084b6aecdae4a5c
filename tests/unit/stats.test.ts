import { describe, expect, it } from 'vitest';
import { bootstrapShare } from '../../scripts/lib/stats';

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
