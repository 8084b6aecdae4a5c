/** The kinds of feedback a user gives on a title, and what each one teaches. */

export type FeedbackSignal = 'up' | 'down' | 'seen' | 'watchlist' | 'not-interested';

/** How each kind of feedback counts: preference (1 wants, 0 does not), iALS confidence weight, content push. */
export const SIGNALS: Record<FeedbackSignal, { preference: 0 | 1; weight: number; content: number }> = {
  up: { preference: 1, weight: 1, content: 1 },
  watchlist: { preference: 1, weight: 0.6, content: 0.5 },
  seen: { preference: 1, weight: 0.3, content: 0.15 },
  down: { preference: 0, weight: 1, content: -1 },
  'not-interested': { preference: 0, weight: 0.5, content: -0.6 },
};

/** A title turned down (👎, 🚫): its card gives way to another, and it is not picked again. */
export const turnsDown = (signal: FeedbackSignal): boolean => SIGNALS[signal].preference === 0;

export function isFeedbackSignal(v: unknown): v is FeedbackSignal {
  return typeof v === 'string' && v in SIGNALS;
}
