import { describe, expect, it } from 'vitest';
import { calibrationReport, classificationReport, eceFloor } from '../../scripts/lib/classification';

describe('classificationReport', () => {
  it('builds the confusion matrix, accuracy, recall and macro-F1 from known predictions', () => {
    const r = classificationReport(['a', 'b', 'c'] as const, [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['b', 'b'],
      ['c', 'a'],
    ]);
    expect(r.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(r.accuracy).toBeCloseTo(3 / 5);
    expect(r.recall).toEqual({ a: 0.5, b: 1, c: 0 });
    expect(r.precision.b).toBeCloseTo(2 / 3);
    // F1: a 0.5, b 0.8, c 0.
    expect(r.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
  });

  it('averages F1 over the labels the set has or the reading says, not over labels absent from both', () => {
    const r = classificationReport(['a', 'b', 'c', 'd'] as const, [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
    ]);
    // F1: a 2/3, b 2/3; c and d neither occur nor are predicted.
    expect(r.macroF1).toBeCloseTo(2 / 3);
    expect(classificationReport(['a'] as const, []).macroF1).toBe(0);
  });
});

describe('calibrationReport', () => {
  it('weighs each confidence bin’s gap between stated and observed by its share of readings', () => {
    // Bin 0.2–0.3: said 0.25 twice, right once (gap 0.25); bin 0.9–1.0: said 0.95 twice, right twice (gap 0.05).
    const r = calibrationReport([
      { confidence: 0.25, correct: true },
      { confidence: 0.25, correct: false },
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: true },
    ]);
    expect(r.ece).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.05);
    expect(r.bins[2]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(r.bins[2]!.confidence).toBeCloseTo(0.25);
    expect(r.bins[9]).toMatchObject({ count: 2, accuracy: 1 });
    // A perfectly calibrated statement has no error.
    expect(calibrationReport([{ confidence: 1, correct: true }]).ece).toBe(0);
  });
});

describe('eceFloor', () => {
  it('is the sampling noise of a calibrated statement: E|share − p| in one bin, smaller with more readings', () => {
    // 400 readings at 0.55 fall in one bin; a calibrated share has sd √(p(1−p)/n), so E|gap| ≈ sd·√(2/π).
    const sd = Math.sqrt((0.55 * 0.45) / 400);
    const few = eceFloor(Array(400).fill(0.55));
    expect(few.mean).toBeGreaterThan(0.85 * sd * Math.sqrt(2 / Math.PI));
    expect(few.mean).toBeLessThan(1.15 * sd * Math.sqrt(2 / Math.PI));
    expect(few.p95).toBeGreaterThan(few.mean);
    expect(eceFloor(Array(6400).fill(0.55)).mean).toBeLessThan(few.mean / 3);
    // Certain statements are never wrong, so their floor is zero; the same seed gives the same figure.
    expect(eceFloor(Array(50).fill(1))).toEqual({ mean: 0, p95: 0 });
    expect(eceFloor([0.3, 0.6, 0.9], { seed: 7 })).toEqual(eceFloor([0.3, 0.6, 0.9], { seed: 7 }));
  });
});
