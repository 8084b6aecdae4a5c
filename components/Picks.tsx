import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { FeedbackSignal } from '../models/learning/signals';
import type { PickView } from '../models/protocol';
import { TIME_CHOICES } from '../models/recommend/filters';
import type { Strategy } from '../models/recommend/mood-target';
import type { MoreLike } from '../models/recommend/picks-choices';
import { plural, t } from './i18n';
import { PickCard, type WatchOn } from './PickCard';
import { ProblemNotice } from './ProblemNotice';
import { Working } from './Working';
import type { ProblemCode } from '../models/problems';
import { displayTitle } from '../models/catalogue/movie';
import { useKeptFocus } from './useKeptFocus';
import { ChoiceButtons } from './ChoiceButtons';
import { WaitButton } from './WaitButton';
import { ACTION } from './feedbackActions';
import { UndoBar } from './UndoBar';

export interface PicksProps {
  picks: PickView[] | null;
  /** A new list is coming; `picks` is the last one, shown waiting until it comes. */
  loading: boolean;
  strategy: Strategy;
  diversity: number;
  busy: boolean;
  onStrategy: (s: Strategy) => void;
  onDiversity: (d: number) => void;
  /** "How long have I got", in minutes; null for any. */
  minutes: number | null;
  onMinutes: (m: number | null) => void;
  onFeedback: (movieId: number, signal: FeedbackSignal) => void;
  onDifferent: () => void;
  /** How many lists "Previous picks" can go back through (those "Different picks" moved past). */
  previousCount: number;
  onPrevious: () => void;
  /** "More like this" in force: the title the picks are like. */
  like: MoreLike | null;
  onMoreLike: (movieId: number, title: string) => void;
  onBackToMood: () => void;
  /** Cards the user kept, and how (liked, seen, watchlisted). */
  marked: Record<number, FeedbackSignal>;
  /** The last feedback given, which can still be taken back. */
  lastFeedback: { eventId: number; title: string; signal: FeedbackSignal } | null;
  onUndo: () => void;
  /** The card the last undo put back, and the button it had been given with: the keyboard goes back to it. */
  restored?: { movieId: number; signal: FeedbackSignal } | null;
  /** Feedback that could not be saved. */
  problem: ProblemCode | null;
  /** Why no list came; shown in its place, with a way to ask again. */
  failed: ProblemCode | null;
  onRetry: () => void;
  /** Poster URLs by movie id, where TMDB gave one. */
  posters: Record<number, string | null>;
  /** The services each title streams on, by movie id, where TMDB was asked. */
  streams: Record<number, string[]>;
  /** What each title is about, by movie id, where TMDB gave an overview. */
  about: Record<number, string | null>;
  /** The service the user is on (the overlay): each card links to the title there. */
  watchOn?: WatchOn;
  /** The services the user has: a card links to those TMDB says it streams on. */
  yourServices?: readonly WatchOn[];
  /** A further way to tune the list where there is one (match the look of the user's picture), beside Variety. */
  more?: ComponentChildren;
}

export function Picks(props: PicksProps) {
  const strategies = [
    { value: 'match' as const, label: t('strategyMatch'), testId: 'strategy-match' },
    { value: 'lift' as const, label: t('strategyLift'), testId: 'strategy-lift' },
  ];
  const more = useRef<HTMLSpanElement>(null);
  const keptFocus = useKeptFocus<HTMLElement>('[data-testid="pick"]', {
    prefer: props.restored
      ? `[data-movie-id="${props.restored.movieId}"] [data-signal="${props.restored.signal}"]`
      : null,
  });
  return (
    <section class="picks" aria-label={t('picksLabel')} {...keptFocus}>
      <ChoiceButtons
        label={t('strategyLabel')}
        choices={strategies}
        selected={props.strategy}
        onSelect={props.onStrategy}
      />
      <ChoiceButtons
        label={t('timeLabel')}
        class="time-choice"
        choices={TIME_CHOICES.map((m) => ({
          value: m,
          label: m === null ? t('timeAny') : t('timeUpTo', String(m)),
          testId: `time-${m ?? 'any'}`,
        }))}
        selected={props.minutes}
        onSelect={props.onMinutes}
      />
      {props.like && (
        <p class="like-banner leads-to" data-testid="more-like-banner">
          <span>
            {t('moreLikeBanner')} <strong>{props.like.title}</strong>
          </span>{' '}
          <button type="button" onClick={props.onBackToMood} data-testid="back-to-mood">
            {t('backToMood')}
          </button>
        </p>
      )}
      {props.lastFeedback && (
        <UndoBar
          said={t(ACTION[props.lastFeedback.signal].done, props.lastFeedback.title)}
          onUndo={props.onUndo}
          busy={props.busy}
          testId="undo"
        />
      )}
      {props.problem && <ProblemNotice code={props.problem} />}
      {props.picks === null ? (
        <Working testId="finding-movies">{t('findingMovies')}</Working>
      ) : props.failed ? (
        <ProblemNotice code={props.failed} action={{ label: t('tryAgain'), run: props.onRetry }} />
      ) : props.picks.length === 0 ? (
        <p role="status" class="notice" data-testid="no-picks">
          {t('noPicks')}
        </p>
      ) : (
        <div class="pick-area">
          {props.loading && (
            <span class="progress pick-list-progress" aria-hidden="true" data-testid="picks-coming">
              <span class="progress-bar" />
            </span>
          )}
          <ol class="pick-list" data-testid="picks" aria-busy={props.loading ? 'true' : undefined}>
            {props.picks.map((p) => (
              <PickCard
                key={p.movie.movieId}
                pick={p}
                busy={props.busy || props.loading}
                watchOn={props.watchOn}
                yourServices={props.yourServices}
                poster={props.posters[p.movie.movieId] ?? null}
                streams={props.streams[p.movie.movieId]}
                about={props.about[p.movie.movieId] ?? null}
                marked={props.marked[p.movie.movieId] ?? null}
                onFeedback={(s) => props.onFeedback(p.movie.movieId, s)}
                onMoreLike={() => props.onMoreLike(p.movie.movieId, displayTitle(p.movie.title))}
              />
            ))}
          </ol>
        </div>
      )}
      {/* Said by a screen reader when a new list has come (a card replaced in place leaves the count as it was). */}
      <p class="visually-hidden" role="status" data-testid="picks-ready">
        {props.loading
          ? t('findingMovies')
          : props.picks && props.picks.length > 0 && !props.failed
            ? plural('picksReady', props.picks.length)
            : ''}
      </p>
      {/* Other films, and how far they stray: under the list, so the first films are on the popup's first screen. */}
      <div class="picks-more">
        {/* Together, so they wrap as one; "Previous" beside "Different", which never moves when it comes. */}
        <span class="picks-nav" ref={more}>
          <WaitButton onClick={props.onDifferent} waiting={props.busy || props.loading} data-testid="different-picks">
            🔀 {t('differentPicks')}
          </WaitButton>
          {props.previousCount > 0 && (
            <WaitButton
              onClick={() => {
                // The last one: the button goes, and the keyboard to "Different picks" beside it, not to the page's top.
                if (props.previousCount === 1)
                  more.current?.querySelector<HTMLElement>('[data-testid="different-picks"]')?.focus();
                props.onPrevious();
              }}
              waiting={props.busy || props.loading}
              data-testid="previous-picks"
            >
              ↩ {t('previousPicks')}
            </WaitButton>
          )}
        </span>
        <label class="slider">
          {t('variety')}
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round(props.diversity * 100)}
            aria-label={t('varietyLabel')}
            onChange={(e) => props.onDiversity(Number(e.currentTarget.value) / 100)}
          />
        </label>
        {props.more}
      </div>
    </section>
  );
}
