/**
 * What the user chose for a list of picks (match or lift, how long, how varied, the titles "different picks" moved
 * past, "more like this"), kept for the popup reopened.
 */
import { hasOnlyKeys, isRecord, isUnit } from '../checks';
import { isMovieId, isMovieIds, isPositiveId } from '../ids';
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
  /** "More like this" in force: the title the picks are like (its id, and its name as the card showed it). */
  like: MoreLike | null;
}

export interface MoreLike {
  movieId: number;
  title: string;
}

/** Longer than any title in the catalogue: a kept "more like" title past it is not one the popup showed. */
const MAX_TITLE_LENGTH = 500;

/** "Different picks" remembers this many titles shown before, the oldest dropped first. */
export const MAX_EXCLUDED = 500;

export const DEFAULT_PICKS_CHOICES: PicksChoices = {
  strategy: 'match',
  minutes: null,
  diversity: 0.5,
  exclude: [],
  like: null,
};

/** The choices made on the picks of one mood check (its history id), or null when `raw` is not that. */
export function parseCheckChoices(raw: unknown): (PicksChoices & { historyId: number }) | null {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['historyId', 'strategy', 'minutes', 'diversity', 'exclude', 'like']))
    return null;
  const { historyId, strategy, minutes, diversity, exclude, like } = raw;
  if (!isPositiveId(historyId)) return null;
  if (!(STRATEGIES as readonly unknown[]).includes(strategy)) return null;
  if (!(TIME_CHOICES as readonly unknown[]).includes(minutes)) return null;
  if (!isUnit(diversity)) return null;
  if (!isMovieIds(exclude, MAX_EXCLUDED)) return null;
  // Kept before "more like this" was: none in force.
  const moreLike = like ?? null;
  if (moreLike !== null && !isMoreLike(moreLike)) return null;
  return {
    historyId,
    strategy: strategy as Strategy,
    minutes: minutes as number | null,
    diversity,
    exclude,
    like: moreLike as MoreLike | null,
  };
}

function isMoreLike(raw: unknown): raw is MoreLike {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['movieId', 'title'])) return false;
  const { movieId, title } = raw;
  return isMovieId(movieId) && typeof title === 'string' && title !== '' && title.length <= MAX_TITLE_LENGTH;
}
