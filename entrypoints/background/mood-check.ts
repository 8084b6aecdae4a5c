/**
 * A mood check from the popup, finished here rather than in the popup. The popup closes at any click elsewhere, and
 * a check takes seconds (the first loads the face model): what it had sent is still read and kept in History, where
 * the popup opened again finds it, or finds how it ended where it found no mood (missed-check.ts).
 */
import type { AnalysisResult, BackgroundApi, CheckedMood } from '../../models/protocol';
import { moodFromBurst, moodSummary } from '../../models/mood/mood';
import type { MoodSummary } from '../../models/mood/summary';
import { openDatabase } from '../../models/store/db';
import { recordMood } from '../../models/store/history';
import { checkFailure } from '../../models/mood/missed-check';
import { problemCodeOf } from '../../models/problems';
import { keepMissedCheck } from '../shared/missed-check';
import { tellOverlays } from './overlays';

type CheckRequest = BackgroundApi['check-mood']['request'];

/** Checks begun and not yet kept. */
const running = new Set<Promise<unknown>>();

/** Reads every picture of a check with `analyze`, one at a time, and keeps the mood they make in History. */
export function checkMood(
  request: CheckRequest,
  analyze: (image: string) => Promise<AnalysisResult>,
): Promise<CheckedMood> {
  const check = (async (): Promise<CheckedMood> => {
    const results: AnalysisResult[] = [];
    const source = request.source;
    // How a check that makes no mood ended is kept before the answer: the popup that gets the answer forgets it.
    try {
      for (const image of request.images) results.push(await analyze(image));
    } catch (error) {
      const code = checkFailure(problemCodeOf(error, 'inference-failed'));
      await keepMissedCheck({ source, at: Date.now(), ended: 'failed', code });
      throw error;
    }
    const mood = moodFromBurst(results);
    if (mood.kind === 'no-face') {
      const { width, height } = results[results.length - 1]!.picture;
      await keepMissedCheck({ source, at: Date.now(), ended: 'no-face', width, height });
      return { results, mood, historyId: null };
    }
    try {
      return { results, mood, historyId: await keepMood(moodSummary(mood, source), []) };
    } catch (error) {
      // The mood is shown all the same; History says nothing of it.
      console.warn('Moodreel: history not saved', error);
      return { results, mood, historyId: null };
    }
  })();
  running.add(check);
  void check.finally(() => running.delete(check)).catch(() => undefined);
  return check;
}

/** Keeps a mood in History with the picks shown for it (none yet, or the overlay's), and tells the overlays. */
export async function keepMood(mood: MoodSummary, picks: number[]): Promise<number> {
  const id = await recordMood(await openDatabase(), mood, picks, Date.now());
  tellOverlays('mood');
  return id;
}

/** Whether a check is being read (one a popup closed on, say). */
export function checkRunning(): boolean {
  return running.size > 0;
}

/** Resolves once every check begun has been kept (or has failed): History read after it holds them. */
export async function checksKept(): Promise<void> {
  await Promise.allSettled([...running]);
}
