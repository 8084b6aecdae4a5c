import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `onReturn` each time the page is shown again after the user was in another tab or window, where what it
 * shows may have changed (a mark given in the popup, taken back in the options page).
 */
export function useOnReturn(onReturn: () => void): void {
  const latest = useRef(onReturn);
  latest.current = onReturn;
  useEffect(() => {
    const shown = () => {
      if (document.visibilityState === 'visible') latest.current();
    };
    document.addEventListener('visibilitychange', shown);
    return () => document.removeEventListener('visibilitychange', shown);
  }, []);
}
