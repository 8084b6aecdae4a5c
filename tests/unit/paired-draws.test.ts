import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sd } from '../../scripts/lib/metrics';
import { pairedAgainst, readSavedDraws, type SavedDraws } from '../../scripts/lib/paired-draws';
import { rng } from '../../models/learning/linalg';
import { subsampleScale } from '../../scripts/lib/stats';

/** A saved run over 40 titles, 50 draws at two shares, its per-draw figures from a seeded generator. */
function run(seed: number, shift = 0): SavedDraws {
  const random = rng(seed);
  const draws = (share: number) => Array.from({ length: 50 }, () => 0.6 + shift + share * 0.01 + random() * 0.1);
  return {
    part: 'tuning',
    tags: 'tags.csv',
    titles: Array.from({ length: 40 }, (_, i) => 100 + i),
    draws: 50,
    shares: [0.5, 0.8],
    subsamples: 'abc',
    figures: {
      cold: { whole: 0.65 + shift, byShare: [draws(0.5), draws(0.8)] },
      mixed: { whole: 0.75 + shift, byShare: [draws(0.5), draws(0.8)] },
    },
  };
}

describe('pairedAgainst', () => {
  it('reads a run against itself as no difference and no spread', () => {
    const paired = pairedAgainst(run(3), run(3));
    expect(paired.cold!.difference).toBe(0);
    expect(paired.cold!.sd).toEqual([0, 0]);
    expect(paired.mixed!.difference).toBe(0);
  });

  it('spreads the per-draw differences, scaled as for a mean, far tighter than a figure when the try moves every draw alike', () => {
    const before = run(3);
    const now = run(3, 0.02);
    const paired = pairedAgainst(now, before);
    expect(paired.cold!.difference).toBeCloseTo(0.02, 10);
    // Every draw moved by the same 0.02: the difference has (almost) no spread, while each run's draws do.
    expect(paired.cold!.sd[0]).toBeLessThan(1e-12);
    expect(sd(now.figures.cold!.byShare[0]!)).toBeGreaterThan(0.02);
    const other = run(4);
    const noisy = pairedAgainst(other, before);
    const diffs = other.figures.mixed!.byShare[1]!.map((v, d) => v - before.figures.mixed!.byShare[1]![d]!);
    expect(noisy.mixed!.sd[1]).toBeCloseTo(sd(diffs) * subsampleScale(40, 0.8), 12);
  });

  it('refuses runs whose draws are not the same subsamples, naming what differs', () => {
    const before = run(3);
    expect(() => pairedAgainst({ ...run(3), part: 'reporting' }, before)).toThrow(/differ in their half/);
    expect(() => pairedAgainst({ ...run(3), titles: before.titles.slice(1) }, before)).toThrow(/labelled titles/);
    expect(() => pairedAgainst({ ...run(3), tags: 'other.csv' }, before)).toThrow(/differ in their tags/);
    expect(() => pairedAgainst({ ...run(3), shares: [0.5, 0.9] }, before)).toThrow(/shares of titles drawn/);
    expect(() => pairedAgainst({ ...run(3), subsamples: 'abd' }, before)).toThrow(/differ in their subsamples/);
  });
});

describe('readSavedDraws', () => {
  it('reads a saved run back, and says plainly when a file is missing or is something else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'draws-'));
    const file = join(dir, 'draws.json');
    writeFileSync(file, JSON.stringify(run(5)));
    expect(readSavedDraws(file)).toEqual(run(5));
    expect(() => readSavedDraws(join(dir, 'none.json'))).toThrow(/does not exist: write it first with -- --save-draws/);
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ eval: 'picks' }));
    expect(() => readSavedDraws(other)).toThrow(/not a file films:eval-picks -- --save-draws wrote/);
    writeFileSync(other, '{"part": "tuning", ');
    expect(() => readSavedDraws(other)).toThrow(/not a file films:eval-picks -- --save-draws wrote/);
  });
});
