/**
 * The picks for a mood, shared by the popup and the overlay: strategy, variety, "different picks" and feedback,
 * each re-ranking at once. The caller passes its protocol client, so the hook stays free of browser APIs.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FeedbackSignal } from '../models/learning/user-model';
import type { EmotionProbabilities } from '../models/mood/emotions';
import type { BackgroundClient, PickView } from '../models/protocol';
import type { Strategy } from '../models/recommend/mood-target';

type Ask = BackgroundClient;

export interface PicksMood {
  probabilities: EmotionProbabilities;
  confidence: number;
}

export const PICK_COUNT = 10;

export function usePicks(ask: Ask, mood: PicksMood | null, count = PICK_COUNT) {
  const [picks, setPicks] = useState<PickView[] | null>(null);
  const [strategy, setStrategy] = useState<Strategy>('match');
  const [diversity, setDiversity] = useState(0.5);
  const [seed, setSeed] = useState(1);
  const [exclude, setExclude] = useState<number[]>([]);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!mood) return;
    let current = true;
    setPicks(null);
    ask({
      type: 'recommend',
      probabilities: mood.probabilities,
      confidence: mood.confidence,
      strategy,
      diversity,
      count,
      seed,
      exclude,
    })
      .then((p) => current && setPicks(p))
      .catch((error: unknown) => {
        console.warn('Moodreel: picks failed', error);
        if (current) setPicks([]);
      });
    return () => {
      current = false;
    };
  }, [mood, strategy, diversity, seed, exclude, count]);

  async function feedback(movieId: number, signal: FeedbackSignal) {
    setSending(true);
    try {
      await ask({ type: 'feedback', movieId, signal });
      setSeed((s) => s + 1);
    } catch (error) {
      console.warn('Moodreel: feedback not saved', error);
    } finally {
      setSending(false);
    }
  }

  return {
    picks,
    strategy,
    diversity,
    busy: sending,
    onStrategy: setStrategy,
    onDiversity: setDiversity,
    onFeedback: (movieId: number, signal: FeedbackSignal) => void feedback(movieId, signal),
    onDifferent: () => setExclude((ex) => [...ex, ...(picks ?? []).map((p) => p.movie.movieId)].slice(-500)),
  };
}
