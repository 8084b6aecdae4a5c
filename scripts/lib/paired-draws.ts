/**
 * A try against the shipped ranker, read draw by draw. `films:eval-picks -- --save-draws <file>` keeps the shipped
 * figures of every title subsample it draws; a later run with a change in place and `-- --against <file>` reads its
 * own figures against them on the same subsamples. Two rankers on the same titles differ far less than either figure
 * moves with the titles, so the difference has its own, much narrower, spread: that is what says whether a try's gain
 * is more than which titles happen to be labelled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isRecord } from '../../models/checks';
import { sd } from './metrics';
import { subsampleScale } from './stats';

export interface SavedDraws {
  /** What was ranked: the half, the tags file, and the half's labelled titles in the order the draws index them. */
  part: string;
  tags: string;
  titles: number[];
  draws: number;
  shares: number[];
  /** A digest of the subsamples themselves (which titles each draw took), so a change in how they are drawn shows. */
  subsamples: string;
  /** Per figure (cold precision, mixed moods…): on the whole half, and per share its value on each subsample. */
  figures: Record<string, { whole: number; byShare: number[][] }>;
}

export interface PairedFigure {
  now: number;
  before: number;
  /** now − before, on the whole half. */
  difference: number;
  /** Per share, the sd of the per-draw differences scaled as for a mean (`subsampleScale`). */
  sd: number[];
}

/** A saved run, or a clear message naming what is wrong with the file. */
export function readSavedDraws(file: string): SavedDraws {
  if (!existsSync(file)) throw new Error(`${file} does not exist: write it first with -- --save-draws ${file}`);
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    saved = null;
  }
  if (
    !isRecord(saved) ||
    typeof saved.subsamples !== 'string' ||
    typeof saved.part !== 'string' ||
    typeof saved.tags !== 'string' ||
    !Array.isArray(saved.titles) ||
    typeof saved.draws !== 'number' ||
    !Array.isArray(saved.shares) ||
    !isRecord(saved.figures)
  )
    throw new Error(`${file} is not a file films:eval-picks -- --save-draws wrote`);
  return saved as unknown as SavedDraws;
}

/**
 * Each figure of `now` against `before`, draw by draw. Refuses runs that did not rank the same titles the same way
 * (another half, other tags, other titles or other subsamples): their draws would not pair.
 */
export function pairedAgainst(now: SavedDraws, before: SavedDraws): Record<string, PairedFigure> {
  const differs = (
    [
      ['half', now.part, before.part],
      ['tags', now.tags, before.tags],
      ['labelled titles', now.titles.join(), before.titles.join()],
      ['number of draws', now.draws, before.draws],
      ['shares of titles drawn', now.shares.join(), before.shares.join()],
      ['subsamples', now.subsamples, before.subsamples],
    ] as const
  ).find(([, a, b]) => a !== b);
  if (differs)
    throw new Error(
      `the saved run and this one differ in their ${differs[0]}: their draws are not the same subsamples`,
    );
  return Object.fromEntries(
    Object.entries(now.figures).flatMap(([name, figure]) => {
      const old = before.figures[name];
      if (!old) return [];
      const sds = now.shares.map((share, s) => {
        const diffs = figure.byShare[s]!.map((v, d) => v - old.byShare[s]![d]!);
        return sd(diffs) * subsampleScale(now.titles.length, share);
      });
      return [[name, { now: figure.whole, before: old.whole, difference: figure.whole - old.whole, sd: sds }]];
    }),
  );
}
