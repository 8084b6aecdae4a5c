/**
 * A list the user can empty (History, the watchlist): "Loading…", its empty message, or the list. The keyboard keeps
 * its place in it: a removed item's button is taken up by the next item's; the last one's, by the list's place.
 */
import type { ComponentChildren } from 'preact';
import { t } from './i18n';
import { useKeptFocus } from './useKeptFocus';

export function ListPanel<T>({
  items,
  itemSelector,
  empty,
  emptyTestId,
  children,
}: {
  /** Null while loading. */
  items: T[] | null;
  itemSelector: string;
  empty: string;
  emptyTestId: string;
  children: (items: T[]) => ComponentChildren;
}) {
  const keptFocus = useKeptFocus<HTMLDivElement>(itemSelector, { emptied: 'container' });
  return (
    <div tabIndex={-1} {...keptFocus}>
      {items === null ? (
        <p class="working">{t('loading')}</p>
      ) : items.length === 0 ? (
        <p class="working" data-testid={emptyTestId}>
          {empty}
        </p>
      ) : (
        children(items)
      )}
    </div>
  );
}
