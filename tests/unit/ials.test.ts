import { describe, expect, it } from 'vitest';
import { dot, foldInBase, rowRegularization, solveRow, trainIals, type Row } from '../../models/learning/ials';
import { gram, rng, solveSpd } from '../../models/learning/linalg';
import { observationRow } from '../../scripts/lib/embeddings';

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

  it('trains the item side on explicit negatives too (confidence without preference)', () => {
    // Group A also rates item 10 (group B's) and dislikes it: as a negative it stays far below A's own items; read
    // as a positive (a row's preference lost between the user and item sweeps) it would climb among them.
    const rows = blocks().map((row, u) =>
      u < 20
        ? { index: [...row.index, 10], weight: [...row.weight, 1], preference: [...row.index.map(() => 1), 0] }
        : row,
    );
    const model = trainIals(rows, 20, params);
    const positive = trainIals(
      rows.map(({ index, weight }) => ({ index, weight })),
      20,
      params,
    );
    const meanScore = (m: typeof model, item: number) =>
      Array.from({ length: 20 }, (_, u) => dot(m.users, u, m.items, item, 4)).reduce((a, b) => a + b) / 20;
    expect(meanScore(model, 10)).toBeLessThan(0.2);
    expect(meanScore(positive, 10)).toBeGreaterThan(0.5);
    expect(meanScore(model, 0)).toBeGreaterThan(0.5);
  });

  it("scales λ by a row's total confidence when asked (Rendle et al. 2022), and keeps it constant otherwise", () => {
    const row = { index: [1, 2, 3], weight: [1, 0.5, 0.5] };
    expect(rowRegularization(row, 100, { regularization: 2, alpha: 4 })).toBe(2);
    expect(rowRegularization(row, 100, { regularization: 2, alpha: 4, regExponent: 0 })).toBe(2);
    // Every unobserved cell counts 1, an observed one 1 + alpha·weight: 100 + 4·2 = 108.
    expect(rowRegularization(row, 100, { regularization: 0.01, alpha: 4, regExponent: 1 })).toBeCloseTo(1.08);
    expect(rowRegularization(row, 100, { regularization: 0.01, alpha: 4, regExponent: 0.5 })).toBeCloseTo(
      0.01 * Math.sqrt(108),
    );
  });

  it('still folds a user into their taste group with frequency-scaled regularisation', () => {
    const scaled = { ...params, regularization: 0.02, regExponent: 1 };
    const model = trainIals(blocks(), 20, scaled);
    const user = solveRow({ index: [1, 2, 3], weight: [1, 1, 1] }, model.items, gram(model.items, 20, 4), 4, scaled);
    const scores = Array.from({ length: 20 }, (_, i) => dot(user, 0, model.items, i, 4));
    const unseen = scores.map((s, i) => ({ s, i })).filter(({ i }) => ![1, 2, 3].includes(i));
    unseen.sort((x, y) => y.s - x.s);
    expect(unseen.slice(0, 5).every(({ i }) => i < 10)).toBe(true);
  });

  it('gives the same fold-in from the shared factor with rank-one updates as from a fresh factorisation', () => {
    const model = trainIals(blocks(), 20, params);
    const g = gram(model.items, 20, 4);
    const base = foldInBase(g, 4, params)!;
    const row = { index: [2, 5, 11, 17], weight: [1, 0.4, 2, 0.8], preference: [1, 1, 0, 1] };
    const fresh = solveRow(row, model.items, g, 4, params);
    const updated = solveRow(row, model.items, g, 4, params, base);
    for (let i = 0; i < 4; i++) expect(updated[i]).toBeCloseTo(fresh[i]!, 10);
    expect(foldInBase(g, 4, { ...params, regExponent: 1 })).toBeNull();
  });
});

describe('MovieLens ratings as iALS observations', () => {
  it('weights positives by their stars, keeps low ratings as negatives and 3 stars as a faint positive', () => {
    expect(
      observationRow([
        [4, 5],
        [7, 3],
        [2, 3.5],
        [9, 2.5],
        [1, 0.5],
      ]),
    ).toEqual({ index: [4, 7, 2, 9, 1], weight: [2, 0.25, 0.5, 1, 1], preference: [1, 1, 1, 0, 0] });
  });
});
