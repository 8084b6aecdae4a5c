import type { Movie } from '../models/catalogue/movie';
import { genreList, t } from './i18n';
import type { WatchOn } from './PickCard';
import { displayTitle } from '../models/catalogue/movie';
import { useKeptFocus } from './useKeptFocus';

/** The watchlist, newest first, with remove and "watch on …" searches for the user's streaming services. */
export function WatchlistView({
  items,
  services,
  onRemove,
}: {
  items: { movie: Movie; at: number }[] | null;
  services: WatchOn[];
  onRemove: (movieId: number) => void;
}) {
  // A removed title's button is taken up by the next title's.
  const keptFocus = useKeptFocus<HTMLUListElement>('[data-testid="watchlist-item"]');
  if (items === null) return <p class="working">{t('loading')}</p>;
  if (items.length === 0)
    return (
      <p class="working" data-testid="watchlist-empty">
        {t('watchlistEmpty')}
      </p>
    );
  return (
    <ul class="pick-list" data-testid="watchlist" {...keptFocus}>
      {items.map(({ movie: m }) => {
        const title = displayTitle(m.title);
        const query = m.year ? `${title} ${m.year}` : title;
        return (
          <li key={m.movieId} class="watch-item" data-testid="watchlist-item" data-movie-id={m.movieId}>
            <p class="pick-title">
              {title} {m.year && <span class="muted">({m.year})</span>}
            </p>
            <p class="pick-meta">{genreList(m.genres.slice(0, 3))}</p>
            <p class="row">
              {services.map((s) => (
                <a key={s.name} class="watch-on" href={s.searchUrl(query)} target="_blank" rel="noopener noreferrer">
                  {t('watchOn', s.name)}
                </a>
              ))}
              {services.length === 0 && <span class="muted">{t('watchlistNoServices')}</span>}
              <button
                type="button"
                onClick={() => onRemove(m.movieId)}
                aria-label={t('watchlistRemoveLabel', m.title)}
                data-testid="watchlist-remove"
              >
                {t('watchlistRemove')}
              </button>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
