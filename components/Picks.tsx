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
  watchOn?: WatchOn;
}

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
