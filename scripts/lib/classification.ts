import { rng } from '../../models/learning/linalg';
import { mean } from './metrics';
import { quantile } from './stats';

/** Multi-class classification metrics from (truth, prediction) pairs over a fixed label list. */
export interface ClassificationReport<L extends string> {
  labels: readonly L[];
  /** confusion[t][p]: how many of truth t were predicted p. */
  confusion: number[][];
  accuracy: number;
  /** The mean F1 over the labels that occur in the truth or the predictions. */
  macroF1: number;
  recall: Record<L, number>;
  precision: Record<L, number>;
  total: number;
}

export function classificationReport<L extends string>(
  labels: readonly L[],
  pairs: readonly (readonly [L, L])[],
): ClassificationReport<L> {
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  for (const [t, p] of pairs) confusion[at.get(t)!]![at.get(p)!]!++;
  const recall = {} as Record<L, number>;
  const precision = {} as Record<L, number>;
  let f1Sum = 0;
  let present = 0;
  labels.forEach((l, i) => {
    const tp = confusion[i]![i]!;
    const truth = confusion[i]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[i]!, 0);
    recall[l] = truth ? tp / truth : 0;
    precision[l] = predicted ? tp / predicted : 0;
    const f1 = recall[l] + precision[l] > 0 ? (2 * recall[l] * precision[l]) / (recall[l] + precision[l]) : 0;
    // A label neither in the truth nor ever predicted has no F1 to average (a set without disgusted faces, say).
    if (truth || predicted) {
      f1Sum += f1;
      present++;
    }
  });
  const correct = labels.reduce((a, _, i) => a + confusion[i]![i]!, 0);
  return {
    labels,
    confusion,
    accuracy: pairs.length ? correct / pairs.length : 0,
    macroF1: present ? f1Sum / present : 0,
    recall,
    precision,
    total: pairs.length,
  };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  /** Mean stated confidence in the bin. */
  confidence: number;
  /** Share right in the bin. */
  accuracy: number;
}

/**
 * Expected calibration error of a stated confidence (Guo et al. 2017): readings put in `bins` equal-width bins of
 * their confidence; ECE = Σ (bin share) × |accuracy − mean confidence| of each bin. With the reliability table.
 */
export function calibrationReport(
  readings: readonly { confidence: number; correct: boolean }[],
  bins = 10,
): { ece: number; bins: ReliabilityBin[] } {
  const table: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    confidence: 0,
    accuracy: 0,
  }));
  for (const r of readings) {
    const b = table[Math.min(bins - 1, Math.max(0, Math.floor(r.confidence * bins)))]!;
    b.count++;
    b.confidence += r.confidence;
    b.accuracy += r.correct ? 1 : 0;
  }
  let ece = 0;
  for (const b of table) {
    if (b.count === 0) continue;
    b.confidence /= b.count;
    b.accuracy /= b.count;
    ece += (b.count / readings.length) * Math.abs(b.accuracy - b.confidence);
  }
  return { ece, bins: table };
}

/**
 * The ECE a perfectly calibrated confidence would still show on these readings: each reading made right with the
 * chance it states (seeded draws), then binned as calibrationReport does. Ten bins over a few hundred readings carry
 * sampling noise: an ECE near this floor is that noise, not miscalibration.
 */
export function eceFloor(
  confidences: readonly number[],
  { draws = 1000, seed = 1, bins = 10 } = {},
): { mean: number; p95: number } {
  if (confidences.length === 0) return { mean: 0, p95: 0 };
  const random = rng(seed);
  const eces: number[] = [];
  for (let d = 0; d < draws; d++)
    eces.push(
      calibrationReport(
        confidences.map((confidence) => ({ confidence, correct: random() < confidence })),
        bins,
      ).ece,
    );
  return { mean: mean(eces), p95: quantile(eces, 0.95) };
}
