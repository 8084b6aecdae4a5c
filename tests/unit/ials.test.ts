import { describe, expect, it } from 'vitest';
import { dot, solveRow, trainIals, type Row } from '../../models/learning/ials';
import { gram, rng, solveSpd } from '../../models/learning/linalg';

describe('linear algebra', () => {
  it('solves a symmetric positive-definite system', () => {
    const a = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const x = solveSpd(a, Float64Array.from([1, 2, 3]), 3);
    const ax = [0, 1, 2].map((i) => a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!);
    expect(ax[0]).toBeCloseTo(1);
    expect(ax[1]).toBeCloseTo(2);
    expect(ax[2]).toBeCloseTo(3);
  });

  it('has a reproducible random stream', () => {
    const a = rng(3);
    const b = rng(3);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

/** Two taste groups: users 0–19 watch items 0–9, users 20–39 watch items 10–19. */
function blocks(): Row[] {
  return Array.from({ length: 40 }, (_, u) => {
    const offset = u < 20 ? 0 : 10;
    const index = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => offset + ((i + u) % 10));
    return { index, weight: index.map(() => 1) };
  });
}

describe('iALS', () => {
  const params = { factors: 4, regularization: 0.5, alpha: 4, iterations: 8, seed: 1 };

  it('learns the same factors from the same seed', () => {
    const a = trainIals(blocks(), 20, params);
    const b = trainIals(blocks(), 20, params);
    expect(Array.from(a.items)).toEqual(Array.from(b.items));
  });

  it('folds a new user in and ranks the items of their taste group first', () => {
    const model = trainIals(blocks(), 20, params);
    const g = gram(model.items, 20, 4);
    const user = solveRow({ index: [11, 12, 13], weight: [1, 1, 1] }, model.items, g, 4, params);
    const scores = Array.from({ length: 20 }, (_, i) => dot(user, 0, model.items, i, 4));
    const unseen = scores.map((s, i) => ({ s, i })).filter(({ i }) => ![11, 12, 13].includes(i));
    unseen.sort((x, y) => y.s - x.s);
    expect(unseen.slice(0, 5).every(({ i }) => i >= 10)).toBe(true);
  });
});
