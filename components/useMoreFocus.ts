/**
 * "More" / "Older checks" under a list: pressed with n items listed, the keyboard goes on to the first new item's
 * `control` when it comes, not back to the top. Give `ref` to the list; call `onMore` as the button is pressed.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

export function useMoreFocus<T extends HTMLElement>(length: number, control: string) {
  const ref = useRef<T>(null);
  /** How many items were listed when "More" was pressed; null when it was not. */
  const from = useRef<number | null>(null);
  useLayoutEffect(() => {
    const n = from.current;
    if (n === null || length <= n) return;
    from.current = null;
    ref.current?.children[n]?.querySelector<HTMLElement>(control)?.focus();
  }, [length]);
  return { ref, onMore: () => (from.current = length) };
}
