/** The five marks a user gives a title (a pick's buttons, the options page's search), and how each is said. */
import type { FeedbackSignal } from '../models/learning/signals';
import type { MessageKey } from './i18n';

interface FeedbackAction {
  signal: FeedbackSignal;
  icon: string;
  /** What the button does ("I like it"). */
  label: MessageKey;
  /** The mark it leaves, as listed ("👍 Liked"). */
  mark: MessageKey;
  /** What the Undo bar says was done ("Liked: $1"). */
  done: MessageKey;
}

/** In the order the buttons stand. */
export const ACTIONS: readonly FeedbackAction[] = [
  { signal: 'up', icon: '👍', label: 'actionUp', mark: 'mark_up', done: 'doneUp' },
  { signal: 'down', icon: '👎', label: 'actionDown', mark: 'mark_down', done: 'doneDown' },
  { signal: 'seen', icon: '👁', label: 'actionSeen', mark: 'mark_seen', done: 'doneSeen' },
  { signal: 'watchlist', icon: '🔖', label: 'actionWatchlist', mark: 'mark_watchlist', done: 'doneWatchlist' },
  { signal: 'not-interested', icon: '🚫', label: 'actionNever', mark: 'mark_never', done: 'doneNever' },
];

export const ACTION = Object.fromEntries(ACTIONS.map((a) => [a.signal, a])) as Record<FeedbackSignal, FeedbackAction>;
