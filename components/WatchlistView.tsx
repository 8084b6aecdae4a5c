import { useEffect, useRef } from 'preact/hooks';
import type { Movie } from '../models/catalogue/movie';
import { genreList, t } from './i18n';
import { StreamsOn, WatchLink, type WatchOn } from './PickCard';
import { displayTitle } from '../models/catalogue/movie';
import { ListPanel } from './ListPanel';
import { ACTION } from './feedbackActions';

/** How a title watched since is marked from the watchlist. */
export type WatchedSignal = 'up' | 'down' | 'seen';

interface WatchlistProps {
  items: { movie: Movie; at: number }[];
  services: WatchOn[];
  /** The services each title streams on, by movie id, where TMDB was asked. */
  streams: Record<number, string[]>;
  /** The title leaves the watchlist: watched (liked, not liked or just seen), or removed (null). */
  onLeave: (movieId: number, watched: WatchedSignal | null) => void;
  /** A title an undo put back: the keyboard goes to its Remove. */
  focusOn?: number | null;
}

/**
 * The watchlist, newest first, with where each title streams and links to it on the user's streaming services (both
 * as TMDB tells, with a key: otherwise the links are searches), a way to rate a title
 * watched since (👍 👎 seen it) and remove.
 */
export function WatchlistView({
  items,
  ...rest
}: Omit<WatchlistProps, 'items'> & { items: WatchlistProps['items'] | null }) {
  return (
    <ListPanel
      items={items}
      itemSelector='[data-testid="watchlist-item"]'
      empty={t('watchlistEmpty')}
      emptyTestId="watchlist-empty"
    >
      {(listed) => <WatchlistItems items={listed} {...rest} />}
    </ListPanel>
  );
}

function WatchlistItems({ items, services, streams, onLeave, focusOn = null }: WatchlistProps) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (focusOn !== null)
      list.current
        ?.querySelector<HTMLElement>(`[data-movie-id="${focusOn}"] [data-testid="watchlist-remove"]`)
        ?.focus();
  }, [focusOn]);
  return (
    <>
      {/* Said once for the list, not on every title. */}
      {services.length === 0 && (
        <p class="muted" data-testid="watchlist-no-services">
          {t('watchlistNoServices')}
        </p>
      )}
      <ul class="pick-list" data-testid="watchlist" ref={list}>
        {items.map(({ movie: m }) => {
          const title = displayTitle(m.title);
          return (
            <li key={m.movieId} class="watch-item" data-testid="watchlist-item" data-movie-id={m.movieId}>
              <p class="pick-title">
                {title} {m.year && <span class="muted">({m.year})</span>}
              </p>
              <p class="pick-meta">
                {genreList(m.genres.slice(0, 3))}
                <StreamsOn streams={streams[m.movieId]} yours={services} />
              </p>
              <p class="row">
                {services.map((s) => (
                  <WatchLink key={s.name} site={s} movie={m} streams={streams[m.movieId]} />
                ))}
                {/* Watched since: rated here as on a pick (👍 and 👎 count as seen too). */}
                <span
                  class="row"
                  role="group"
                  aria-label={t('watchlistWatchedOn', title)}
                  data-testid="watchlist-watched"
                >
                  <span class="muted" aria-hidden="true">
                    {t('watchlistWatched')}
                  </span>
                  {(['up', 'down'] as const).map((signal) => (
                    <button
                      key={signal}
                      type="button"
                      class="icon"
                      onClick={() => onLeave(m.movieId, signal)}
                      title={t(ACTION[signal].label)}
                      aria-label={t('actionOn', t(ACTION[signal].label), title)}
                      data-testid={`watchlist-${signal}`}
                    >
                      {ACTION[signal].icon}
                    </button>
                  ))}
                  <button
                    type="button"
                    onClick={() => onLeave(m.movieId, 'seen')}
                    aria-label={t('watchlistSeenLabel', title)}
                    data-testid="watchlist-seen"
                  >
                    👁 {t('watchlistSeen')}
                  </button>
                </span>
                <button
                  type="button"
                  onClick={() => onLeave(m.movieId, null)}
                  aria-label={t('watchlistRemoveLabel', title)}
                  data-testid="watchlist-remove"
                >
                  {t('watchlistRemove')}
                </button>
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
