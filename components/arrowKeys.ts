/**
 * The arrow keys in a row of choices (a tab list, a radio group), as the WAI-ARIA patterns have them: from item `i`
 * of `n`, wrapping at the ends; Home and End go to the first and the last. `vertical`: Up and Down move too (radio
 * groups); a tab list leaves them to the page.
 */
function arrowStep(key: string, i: number, n: number, vertical: boolean): number | null {
  if (key === 'ArrowRight' || (vertical && key === 'ArrowDown')) return (i + 1) % n;
  if (key === 'ArrowLeft' || (vertical && key === 'ArrowUp')) return (i - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  return null;
}

/**
 * A key pressed on item `i` of a row whose items are its element's siblings: an arrow (or Home, End) selects the item
 * it reaches and moves the focus there; any other key is left alone.
 */
export function onArrowKey(
  e: KeyboardEvent & { currentTarget: HTMLElement },
  i: number,
  vertical: boolean,
  select: (index: number) => void,
): void {
  const items = e.currentTarget.parentElement?.children;
  const next = items ? arrowStep(e.key, i, items.length, vertical) : null;
  if (next === null) return;
  e.preventDefault();
  select(next);
  (items![next] as HTMLElement).focus();
}
