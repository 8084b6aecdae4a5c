import { describe, expect, it } from 'vitest';
import { classificationReport } from '../../scripts/lib/classification';

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
});
