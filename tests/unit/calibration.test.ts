import { describe, expect, it } from 'vitest';
import { calibrate, EXPRESSION_CALIBRATION } from '../../models/face/calibration';
import { EMOTIONS, zeroProbabilities } from '../../models/mood/emotions';

const uniform = () =>
  Object.fromEntries(EMOTIONS.map((e) => [e, 1 / EMOTIONS.length])) as ReturnType<typeof zeroProbabilities>;
const none = { version: 1, bias: Object.fromEntries(EMOTIONS.map((e) => [e, 0])) } as typeof EXPRESSION_CALIBRATION;

describe('expression calibration', () => {
  it('ships a finite bias for every emotion, fitted by emotion:train', () => {
    for (const e of EMOTIONS) expect(Number.isFinite(EXPRESSION_CALIBRATION.bias[e])).toBe(true);
    expect(EMOTIONS.some((e) => EXPRESSION_CALIBRATION.bias[e] !== 0)).toBe(true);
  });

  it('re-weights by e^β and renormalises, the same as adding β to the logits', () => {
    const p = { ...uniform(), happy: 0.4, neutral: 0.1 };
    const sum = EMOTIONS.reduce((s, e) => s + p[e], 0);
    for (const e of EMOTIONS) p[e] /= sum;
    const same = calibrate(p, none);
    for (const e of EMOTIONS) expect(same[e]).toBeCloseTo(p[e], 12);
    const bias = { ...none.bias, fearful: Math.log(3) };
    const out = calibrate(p, { version: 1, bias });
    expect(EMOTIONS.reduce((s, e) => s + out[e], 0)).toBeCloseTo(1, 12);
    // Odds against any other class triple for fearful, and stay put between the others.
    expect(out.fearful / out.happy).toBeCloseTo((3 * p.fearful) / p.happy, 12);
    expect(out.sad / out.happy).toBeCloseTo(p.sad / p.happy, 12);
  });

  it('leaves an all-zero (no face) vector alone instead of dividing by zero', () => {
    expect(calibrate(zeroProbabilities())).toEqual(zeroProbabilities());
  });
});
