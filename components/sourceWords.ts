/** Where a mood was read from, in words (History's entries, a recalled check). */
import type { MoodSource } from '../models/mood/summary';
import type { MessageKey } from './i18n';

export const SOURCE_WORDS: Record<MoodSource, MessageKey> = {
  camera: 'sourceCamera',
  tab: 'sourceTab',
  file: 'sourceFile',
  video: 'sourceVideo',
};
