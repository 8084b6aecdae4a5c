/**
 * What the user chose for a list of picks (match or lift, how long, how varied, the titles "different picks" moved
 * past), kept for the popup reopened.
 */
import { hasOnlyKeys, isRecord, isUnit } from '../checks';
import { TIME_CHOICES } from './filters';
import { STRATEGIES, type Strategy } from './mood-target';

export interface PicksChoices {
  strategy: Strategy;
  /** "How long have I got", in minutes; null for any. */
  minutes: number | null;
  /** Variety, 0..1. */
  diversity: number;
  /** Titles shown before and left out ("different picks"), at most MAX_EXCLUDED. */
  exclude: number[];
}

/** "Different picks" remembers this many titles shown before, the oldest dropped first. */
export const MAX_EXCLUDED = 500;

export const DEFAULT_PICKS_CHOICES: PicksChoices = { strategy: 'match', minutes: null, diversity: 0.5, exclude: [] };

/** The choices made on the picks of one mood check (its history id), or null when `raw` is not that. */
export function parseCheckChoices(raw: unknown): (PicksChoices & { historyId: number }) | null {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['historyId', 'strategy', 'minutes', 'diversity', 'exclude'])) return null;
  const { historyId, strategy, minutes, diversity, exclude } = raw;
  if (!Number.isSafeInteger(historyId) || (historyId as number) < 1) return null;
  if (!(STRATEGIES as readonly unknown[]).includes(strategy)) return null;
  if (!(TIME_CHOICES as readonly unknown[]).includes(minutes)) return null;
  if (!isUnit(diversity)) return null;
  const ids = Array.isArray(exclude) && exclude.length <= MAX_EXCLUDED ? (exclude as unknown[]) : null;
  if (!ids || !ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) return null;
  return {
    historyId: historyId as number,
    strategy: strategy as Strategy,
    minutes: minutes as number | null,
    diversity,
    exclude: ids as number[],
  };
}
