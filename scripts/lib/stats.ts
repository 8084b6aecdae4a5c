/** Small numeric helpers for benchmark and evaluation scripts. */
import { rng } from '../../models/learning/linalg';

/** The q-quantile (0..1) of `values` by linear interpolation; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * A 90 % bootstrap interval (2,000 resamples, seeded) of a pooled share Σhits / Σcount when the units that carry it
 * are few (e.g. reason words, counted per title): units are resampled, not the events inside them, since one title
 * shown in many lists is one piece of evidence.
 */
export function bootstrapShare(
  units: readonly { count: number; hits: number }[],
  seed = 1,
): { low: number; high: number } {
  if (units.length === 0) return { low: Number.NaN, high: Number.NaN };
  const random = rng(seed);
  const shares: number[] = [];
  for (let b = 0; b < 2000; b++) {
    let count = 0;
    let hits = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[Math.floor(random() * units.length)]!;
      count += u.count;
      hits += u.hits;
    }
    if (count > 0) shares.push(hits / count);
  }
  return { low: quantile(shares, 0.05), high: quantile(shares, 0.95) };
}

/**
 * `draws` random subsamples of `items`, each ⌊share · n⌋ of them drawn without replacement (seeded). A statistic's
 * spread over them, times `subsampleScale`, estimates its sampling spread on the whole set where resampling with
 * replacement would put one item twice in a ranking: for a mean that is exactly the whole set's standard error.
 */
export function subsamples<T>(items: readonly T[], share: number, draws: number, seed = 1): T[][] {
  const random = rng(seed);
  const m = Math.floor(items.length * share);
  return Array.from({ length: draws }, () => shuffle([...items], random).slice(0, m));
}

/**
 * What turns the sd of a mean over subsamples of m of n items into the whole set's standard error, √(m / (n − m)): the
 * mean of m drawn without replacement varies as S²/m · (1 − m/n), the whole set's as S²/n. 1 for halves.
 */
export function subsampleScale(n: number, share: number): number {
  const m = Math.floor(n * share);
  return Math.sqrt(m / (n - m));
}

/** Shuffles `xs` in place (Fisher–Yates) with a seeded generator, and returns it. */
export function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
