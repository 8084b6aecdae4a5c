/**
 * A mood check the popup was closed on that ended without a mood: no face found, or the read failed. The popup opened
 * again says how it ended, once, rather than its empty view. Numbers only: the picture's size, never the picture.
 */
import { hasOnlyKeys, isRecord } from '../checks';
import { checkNoFaceProblem, type ProblemCode, type ShownProblem } from '../problems';
import { CHECK_SOURCES, type CheckSource } from './summary';

/** Failures a check's read is told as (any other, a bug say, as the first). */
export const CHECK_FAILURES = ['inference-failed', 'model-failed', 'bad-image', 'unsupported'] as const;
export type CheckFailure = (typeof CHECK_FAILURES)[number];

export type MissedCheck = { source: CheckSource; at: number } & (
  { ended: 'no-face'; width: number; height: number } | { ended: 'failed'; code: CheckFailure }
);

/** A check's failure as one a missed check keeps. */
export function checkFailure(code: ProblemCode): CheckFailure {
  return CHECK_FAILURES.find((c) => c === code) ?? CHECK_FAILURES[0];
}

/** What the popup shows for a missed check: the problem it would have shown had it stayed open. */
export function missedCheckProblem(missed: MissedCheck): ShownProblem {
  return missed.ended === 'no-face' ? checkNoFaceProblem(missed, missed.source) : { code: missed.code };
}

const isSide = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** A missed check from storage, or null when it is not one. */
export function parseMissedCheck(raw: unknown): MissedCheck | null {
  if (!isRecord(raw)) return null;
  const { source, at, ended } = raw;
  const sourceOk = CHECK_SOURCES.find((s) => s === source);
  if (sourceOk === undefined || typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (ended === 'no-face') {
    const { width, height } = raw;
    if (!hasOnlyKeys(raw, ['source', 'at', 'ended', 'width', 'height']) || !isSide(width) || !isSide(height))
      return null;
    return { source: sourceOk, at, ended, width, height };
  }
  if (ended !== 'failed' || !hasOnlyKeys(raw, ['source', 'at', 'ended', 'code'])) return null;
  const code = CHECK_FAILURES.find((c) => c === raw.code);
  return code === undefined ? null : { source: sourceOk, at, ended, code };
}
