/**
 * What the user chose for a list of picks (match or lift, how long, how varied, the titles "different picks" moved
 * past, "more like this"), and the list as they left it, kept for the popup reopened.
 */
import { hasOnlyKeys, isRecord, isUnit } from '../checks';
import { isMovieId, isMovieIds, isPositiveId } from '../ids';
import { isFeedbackSignal, type FeedbackSignal } from '../learning/signals';
import { MAX_PICKS } from '../protocol';
import { TIME_CHOICES } from './filters';
import { STRATEGIES, type Strategy } from './mood-target';
import { isReason, type Reason } from './reasons';

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

/**
 * The list as the user left it: the picks in their order, with the reasons they were given, and the cards the user
 * kept (liked, seen, watchlisted). Shown again as it was, not ranked anew: a kept card would not be picked again.
 */
export interface KeptList {
  picks: KeptPick[];
  marked: Record<number, FeedbackSignal>;
}

/** A list "Different picks" moved past, with what was left out then: "Previous picks" goes back to it. */
export interface EarlierList {
  exclude: number[];
  list: KeptList;
}

/** "Previous picks" goes back through this many lists "Different picks" moved past. */
export const MAX_EARLIER = 20;

export interface KeptPick {
  movieId: number;
  reasons: Reason[];
  wildcard: boolean;
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

/** What is kept for one mood check: the choices, the list left on screen, and the lists moved past before it. */
export interface CheckChoices extends PicksChoices {
  historyId: number;
  list: KeptList | null;
  earlier: EarlierList[];
}

/**
 * The choices made on the picks of one mood check (its history id) and the lists kept, or null when `raw` is not that.
 * A list that does not read back is dropped (the picks are then ranked anew), and with it the lists before it; the
 * choices stay.
 */
export function parseCheckChoices(raw: unknown): CheckChoices | null {
  const keys = ['historyId', 'strategy', 'minutes', 'diversity', 'exclude', 'like', 'list', 'earlier'];
  if (!isRecord(raw) || !hasOnlyKeys(raw, keys)) return null;
  const { historyId, strategy, minutes, diversity, exclude, like, list, earlier } = raw;
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
    list: isKeptList(list) ? list : null,
    // Kept before "Previous picks" was: nothing to go back to.
    earlier: isKeptList(list) && isEarlierLists(earlier) ? earlier : [],
  };
}

function isEarlierLists(raw: unknown): raw is EarlierList[] {
  return (
    Array.isArray(raw) &&
    raw.length <= MAX_EARLIER &&
    raw.every(
      (e) =>
        isRecord(e) && hasOnlyKeys(e, ['exclude', 'list']) && isMovieIds(e.exclude, MAX_EXCLUDED) && isKeptList(e.list),
    )
  );
}

function isKeptList(raw: unknown): raw is KeptList {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['picks', 'marked'])) return false;
  const { picks, marked } = raw;
  if (!Array.isArray(picks) || picks.length === 0 || picks.length > MAX_PICKS || !picks.every(isKeptPick)) return false;
  const shown = new Set(picks.map((p) => String(p.movieId)));
  if (shown.size !== picks.length) return false;
  // Only cards on the list can be marked.
  return isRecord(marked) && Object.entries(marked).every(([id, s]) => shown.has(id) && isFeedbackSignal(s));
}

function isKeptPick(raw: unknown): raw is KeptPick {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['movieId', 'reasons', 'wildcard'])) return false;
  const { movieId, reasons, wildcard } = raw;
  return (
    isMovieId(movieId) &&
    Array.isArray(reasons) &&
    reasons.length <= 10 &&
    reasons.every(isReason) &&
    typeof wildcard === 'boolean'
  );
}

function isMoreLike(raw: unknown): raw is MoreLike {
  if (!isRecord(raw) || !hasOnlyKeys(raw, ['movieId', 'title'])) return false;
  const { movieId, title } = raw;
  return isMovieId(movieId) && typeof title === 'string' && title !== '' && title.length <= MAX_TITLE_LENGTH;
}
