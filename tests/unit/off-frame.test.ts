import { describe, expect, it } from 'vitest';
import { offFrameShare } from '../../models/face/off-frame';

describe('offFrameShare', () => {
  it('is 0 for a box in the frame and the share of its area past any edge otherwise', () => {
    expect(offFrameShare({ x: 0.2, y: 0.1, width: 0.5, height: 0.6 })).toBeCloseTo(0, 12);
    expect(offFrameShare({ x: 0, y: 0, width: 1, height: 1 })).toBe(0);
    expect(offFrameShare({ x: -0.25, y: 0.2, width: 0.5, height: 0.5 })).toBeCloseTo(0.5);
    expect(offFrameShare({ x: 0.8, y: 0.8, width: 0.4, height: 0.4 })).toBeCloseTo(0.75);
    // Past two edges at once: only the quarter in the corner is in the frame.
    expect(offFrameShare({ x: -0.1, y: -0.1, width: 0.2, height: 0.2 })).toBeCloseTo(0.75);
  });
  it('counts a box wholly outside, or with no area, as all outside', () => {
    expect(offFrameShare({ x: 1.2, y: 0.1, width: 0.3, height: 0.3 })).toBe(1);
    expect(offFrameShare({ x: 0.5, y: 0.5, width: 0, height: 0.3 })).toBe(1);
    expect(offFrameShare({ x: 0.5, y: 0.5, width: Number.NaN, height: 0.3 })).toBe(1);
  });
});
