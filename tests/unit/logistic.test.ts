import { describe, expect, it } from 'vitest';
import { rng } from '../../models/learning/linalg';
import { sigmoid } from '../../models/probability';
import { fitIsotonic } from '../../scripts/lib/isotonic';
import { fitLogistic } from '../../scripts/lib/logistic';

/** Rows [1, a, b] and labels drawn from σ(w·x) for known weights. */
function sample(n: number, truth: readonly number[], seed: number) {
  const random = rng(seed);
  const x = Array.from({ length: n }, () => [1, 4 * random() - 2, 4 * random() - 2]);
  const y = x.map((row): number => (random() < sigmoid(row.reduce((s, v, i) => s + v * truth[i]!, 0)) ? 1 : 0));
  return { x, y };
}

describe('fitLogistic', () => {
  it('recovers the weights the labels were drawn from', () => {
    const truth = [-0.5, 1.5, -1];
    const { x, y } = sample(20_000, truth, 3);
    const w = fitLogistic(x, y, { penalty: [0, 1e-6, 1e-6] });
    truth.forEach((t, i) => expect(Math.abs(w[i]! - t)).toBeLessThan(0.08));
  });

  it('weighs a row as if it stood that many times', () => {
    const { x, y } = sample(300, [0.2, 1, 0.5], 5);
    const twice = fitLogistic([...x, ...x.slice(0, 100)], [...y, ...y.slice(0, 100)], { penalty: [0, 0.1, 0.1] });
    const weighted = fitLogistic(x, y, {
      penalty: [0, 0.1, 0.1],
      rowWeights: x.map((_, n) => (n < 100 ? 2 : 1)),
    });
    twice.forEach((v, i) => expect(weighted[i]).toBeCloseTo(v, 8));
  });

  it('pulls the weights toward the prior as the penalty grows, and leaves an unpenalised one free', () => {
    const { x, y } = sample(300, [0, 2, 0], 7);
    const prior = [0, -1, 0.5];
    const loose = fitLogistic(x, y, { penalty: [0, 1e-6, 1e-6], prior });
    const tight = fitLogistic(x, y, { penalty: [0, 1e6, 1e6], prior });
    expect(loose[1]).toBeGreaterThan(1);
    expect(tight[1]).toBeCloseTo(-1, 3);
    expect(tight[2]).toBeCloseTo(0.5, 3);
    // The free bias still fits the labels' share given the pinned slopes: the mean prediction matches the mean label.
    const predicted = x.map((row) => sigmoid(row.reduce((s, v, i) => s + v * tight[i]!, 0)));
    expect(predicted.reduce((s, p) => s + p, 0) / x.length).toBeCloseTo(y.reduce((s, v) => s + v, 0) / y.length, 6);
  });
});

describe('fitIsotonic', () => {
  it('pools the pairs that run downhill, weighted, and reads between the steps', () => {
    // The 1 then 0 at x = 2, 3 pool to 0.5 (centre 2.5); the equal 1s at x = 4, 5 make one step (centre 4.5).
    const map = fitIsotonic([1, 2, 3, 4, 5], [0, 1, 0, 1, 1]);
    expect([1, 2.5, 4.5, 5].map(map)).toEqual([0, 0.5, 1, 1]);
    expect(map(4)).toBeCloseTo(0.875, 12);
    expect(map(-10)).toBe(0);
    expect(map(1.75)).toBeCloseTo(0.25, 12);
    // Weight 3 on the 0 at x = 3 pulls the pooled step down to 0.25, its centre to x = 2.75.
    const weighted = fitIsotonic([1, 2, 3, 4], [0, 1, 0, 1], [1, 1, 3, 1]);
    expect(weighted(2.75)).toBeCloseTo(0.25, 12);
  });

  it('is never downhill on noisy data, in any order', () => {
    const r = rng(5);
    const x = Array.from({ length: 300 }, () => r() * 4 - 2);
    const y = x.map((v) => (r() < sigmoid(2 * v) ? 1 : 0));
    const map = fitIsotonic(x, y);
    const grid = Array.from({ length: 81 }, (_, i) => -2 + i * 0.05).map(map);
    for (let i = 1; i < grid.length; i++) expect(grid[i]!).toBeGreaterThanOrEqual(grid[i - 1]!);
    expect(grid[80]! - grid[0]!).toBeGreaterThan(0.5);
  });
});
