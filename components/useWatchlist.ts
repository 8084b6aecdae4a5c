/**
 * The popup's Watchlist tab: the list (asked for whenever the tab is shown), a title leaving it (rated once watched,
 * or removed: its 🔖 taken back) and the undo of that, which puts the title back where it stood.
 */
import { useEffect, useState } from 'preact/hooks';
import { displayTitle } from '../models/catalogue/movie';
import { offersOf } from '../models/tmdb/streams';
import type { FeedbackSignal } from '../models/learning/signals';
import type { BackgroundClient } from '../models/protocol';
import { useAction } from './useAction';
import { useLoaded } from './useLoaded';
import type { WatchedSignal } from './WatchlistView';

/** The last title to leave the list, how (rated, or removed: null), and how to put it back. */
interface LeftWatchlist {
  movieId: number;
  title: string;
  signal: WatchedSignal | null;
  undo: () => Promise<unknown>;
}

/**
 * `onMark`: a title's mark changed here (left, or back on the list); the picks' card, if shown, follows it.
 * `streams`: ask TMDB where each title streams (only when the user gave a key; the background caches details).
 */
export function useWatchlist(
  ask: BackgroundClient,
  shown: boolean,
  onMark: (movieId: number, mark: FeedbackSignal | null) => void,
  options: { streams?: boolean } = {},
) {
  const list = useLoaded(() => ask({ type: 'watchlist-list' }), 'storage-unreadable', shown);
  /** Where each title streams with a subscription in the user's region, by movie id, once TMDB has said. */
  const [streams, setStreams] = useState<Record<number, string[]>>({});
  useEffect(() => {
    if (!options.streams || !list.value) return;
    let current = true;
    const wanted = list.value.filter(({ movie }) => movie.tmdbId !== null && !(movie.movieId in streams));
    void (async () => {
      // One at a time, newest first: a long list asks TMDB for what is on screen first, and never all at once.
      for (const { movie } of wanted) {
        const details = await ask({ type: 'tmdb-details', tmdbId: movie.tmdbId! }).catch(() => null);
        if (!current) return;
        // Offline or refused: nothing said, the links stay searches.
        if (details) setStreams((s) => ({ ...s, [movie.movieId]: offersOf(details) }));
      }
    })();
    return () => {
      current = false;
    };
  }, [list.value, options.streams]);
  const writing = useAction();
  const [left, setLeft] = useState<LeftWatchlist | null>(null);
  /** The title an undo put back: the keyboard goes to it. */
  const [back, setBack] = useState<number | null>(null);

  const leave = (movieId: number, signal: WatchedSignal | null) =>
    void writing.run('storage-failed', async () => {
      const item = list.value?.find((x) => x.movie.movieId === movieId);
      const title = item ? displayTitle(item.movie.title) : '';
      let next: LeftWatchlist | null = null;
      let mark: FeedbackSignal | null = signal;
      if (signal) {
        // Feedback as on a pick (taste learns from it), which takes the title off the watchlist; its undo forgets it.
        const { eventId } = await ask({ type: 'feedback', movieId, signal, mood: null });
        next = { movieId, title, signal, undo: () => ask({ type: 'feedback-undo', eventId }) };
      } else {
        // The 🔖 taken back, leaving whatever mark came before it; its undo puts those marks back as they were.
        const { removed, ...rest } = await ask({ type: 'watchlist-remove', movieId });
        mark = rest.mark;
        if (removed.length > 0)
          next = { movieId, title, signal, undo: () => ask({ type: 'feedback-restore', events: removed }) };
      }
      // From the list as it is then: two removals in flight each take their own title out.
      list.setValue((items) => (items ?? []).filter((x) => x.movie.movieId !== movieId));
      onMark(movieId, mark);
      setLeft(next);
      setBack(null);
    });

  const undo = () =>
    void writing.run('storage-failed', async () => {
      if (!left) return;
      await left.undo();
      list.setValue(await ask({ type: 'watchlist-list' }));
      onMark(left.movieId, 'watchlist');
      setLeft(null);
      setBack(left.movieId);
    });

  return { list, writing, left, back, leave, undo, streams };
}
