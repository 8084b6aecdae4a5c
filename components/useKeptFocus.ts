/**
 * Keeps the keyboard's place in a list that re-renders under it. When the focused control of a container is removed
 * (a rejected pick gives way to another, a title leaves the watchlist, a new list replaces the old), focus would fall
 * to the top of the page; instead it goes to the same control of the item now in that place (or the last, or the
 * first), as soon as there is one. Spread what it returns on the container.
 * `emptied` says what happens when no item is left: `wait` for the items of a list being replaced (the picks), or
 * `container` for a list the user emptied (the last title removed): the container takes focus (give it tabIndex -1).
 * `prefer` names a control that, when there is one, takes focus first (the card an undo put back).
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

interface Place {
  element: HTMLElement;
  /** The item it was in, by position; -1 outside every item. */
  index: number;
  /** Which of the item's controls it was, by position (the items of a list share one layout); -1 outside. */
  control: number;
}

const CONTROLS = 'a[href], button, input, select';

export function useKeptFocus<T extends HTMLElement>(
  itemSelector: string,
  { emptied = 'wait', prefer = null }: { emptied?: 'wait' | 'container'; prefer?: string | null } = {},
) {
  const ref = useRef<T>(null);
  const place = useRef<Place | null>(null);

  // After every render, as the DOM changes: a place whose control is gone, with focus nowhere, goes to its successor.
  useLayoutEffect(() => {
    const root = ref.current;
    const kept = place.current;
    if (!root || !kept || kept.element.isConnected) return;
    const active = root.ownerDocument.activeElement;
    if (active && active !== root.ownerDocument.body) {
      place.current = null;
      return;
    }
    const preferred = prefer ? root.querySelector<HTMLElement>(prefer) : null;
    if (preferred) {
      preferred.focus();
      return;
    }
    const items = [...root.querySelectorAll<HTMLElement>(itemSelector)];
    if (items.length === 0) {
      if (emptied === 'container') {
        place.current = null;
        root.focus();
      }
      return;
    }
    const item = items[Math.min(Math.max(kept.index, 0), items.length - 1)]!;
    const target = item.querySelectorAll<HTMLElement>(CONTROLS)[kept.control] ?? item.querySelector('button');
    target?.focus();
  });

  return {
    ref,
    onFocusIn: (e: FocusEvent) => {
      const element = e.target as HTMLElement;
      const item = element.closest(itemSelector);
      const index = item && ref.current ? [...ref.current.querySelectorAll(itemSelector)].indexOf(item) : -1;
      const control = item ? [...item.querySelectorAll(CONTROLS)].indexOf(element) : -1;
      place.current = { element, index, control };
    },
    // Focus the user moved elsewhere is theirs: forget the place.
    onFocusOut: (e: FocusEvent) => {
      const next = e.relatedTarget as Node | null;
      if (next && !ref.current?.contains(next)) place.current = null;
    },
  };
}
