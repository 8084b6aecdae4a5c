import type { FeedbackSignal } from '../models/learning/user-model';
import type { PickView } from '../models/protocol';
import type { Strategy } from '../models/recommend/mood-target';
import { PickCard, type WatchOn } from './PickCard';

export interface PicksProps {
  picks: PickView[] | null;
  strategy: Strategy;
  diversity: number;
  busy: boolean;
  onStrategy: (s: Strategy) => void;
  onDiversity: (d: number) => void;
  onFeedback: (movieId: number, signal: FeedbackSignal) => void;
  onDifferent: () => void;
  /** "More like this" in force: the title the picks are like. */
  like: { movieId: number; title: string } | null;
  onMoreLike: (movieId: number, title: string) => void;
  onBackToMood: () => void;
  /** The last feedback given, which can still be taken back. */
  lastFeedback: { eventId: number; title: string; signal: FeedbackSignal } | null;
  onUndo: () => void;
  watchOn?: WatchOn;
}

const DONE: Record<FeedbackSignal, string> = {
  up: 'Liked',
  down: 'Marked not for you',
  seen: 'Marked seen',
  watchlist: 'Added to your watchlist',
  'not-interested': 'Hidden for good',
};

export function Picks(props: PicksProps) {
  return (
    <section class="picks" aria-label="Movie picks">
      <div class="picks-controls">
        <div role="radiogroup" aria-label="What the picks should do" class="toggle">
          {(['match', 'lift'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={props.strategy === s}
              class={props.strategy === s ? 'primary' : ''}
              data-testid={`strategy-${s}`}
              onClick={() => props.onStrategy(s)}
            >
              {s === 'match' ? 'Match my mood' : 'Lift my mood'}
            </button>
          ))}
        </div>
        <label class="slider">
          Variety
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round(props.diversity * 100)}
            aria-label="Variety of the picks"
            onChange={(e) => props.onDiversity(Number(e.currentTarget.value) / 100)}
          />
        </label>
      </div>
      {props.like && (
        <p class="like-banner" data-testid="more-like-banner">
          More like <strong>{props.like.title}</strong>{' '}
          <button type="button" onClick={props.onBackToMood} data-testid="back-to-mood">
            Back to mood picks
          </button>
        </p>
      )}
      {props.lastFeedback && (
        <p class="undo-bar" role="status" data-testid="undo-bar">
          {DONE[props.lastFeedback.signal]}: {props.lastFeedback.title}{' '}
          <button type="button" onClick={props.onUndo} disabled={props.busy} data-testid="undo">
            Undo
          </button>
        </p>
      )}
      {props.picks === null ? (
        <p role="status" class="working">
          Finding movies…
        </p>
      ) : props.picks.length === 0 ? (
        <p role="status" class="notice" data-testid="no-picks">
          No picks right now. If Moodreel was just installed, its movie catalogue may still be loading: try again in a
          moment. Filters that exclude too much can also leave nothing to show.
        </p>
      ) : (
        <ol class="pick-list" data-testid="picks">
          {props.picks.map((p) => (
            <PickCard
              key={p.movie.movieId}
              pick={p}
              busy={props.busy}
              watchOn={props.watchOn}
              onFeedback={(s) => props.onFeedback(p.movie.movieId, s)}
              onMoreLike={() => props.onMoreLike(p.movie.movieId, p.movie.title)}
            />
          ))}
        </ol>
      )}
      <button type="button" onClick={props.onDifferent} disabled={props.busy} data-testid="different-picks">
        🔀 Different picks
      </button>
    </section>
  );
}
