/** The mood a piece of feedback was given in: the dominant emotion of the check and the strategy shown. */
import { isRecord } from '../checks';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import type { Strategy } from '../recommend/mood-target';

export interface MoodLesson {
  emotion: Emotion;
  strategy: Strategy;
}

export function isMoodLesson(v: unknown): v is MoodLesson {
  return (
    isRecord(v) &&
    Object.keys(v).length === 2 &&
    (EMOTIONS as readonly unknown[]).includes(v.emotion) &&
    (v.strategy === 'match' || v.strategy === 'lift')
  );
}
