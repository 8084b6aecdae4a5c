/**
 * The shipped lexicon and tone model, bundled, for Node scripts, tests and the build. The extension's background
 * never imports this module: it reads the same data from the build's `weights/tone-profiler.json` only when it
 * profiles titles added from TMDB, so every worker start does not parse tables it rarely needs.
 */
import { SHIPPED_LEXICON } from './lexicon';
import { LexiconReader } from './profile';
import type { ToneModel, ToneProfiler, ToneProfilerData } from './tone-model';
import weights from '../weights/tone-model.json';

export const SHIPPED_TONE_MODEL: ToneModel = weights as ToneModel;
export const SHIPPED_READER = new LexiconReader(SHIPPED_LEXICON);
export const SHIPPED_TONE_PROFILER: ToneProfiler = { reader: SHIPPED_READER, model: SHIPPED_TONE_MODEL };
export const SHIPPED_TONE_PROFILER_DATA: ToneProfilerData = { lexicon: SHIPPED_LEXICON, model: SHIPPED_TONE_MODEL };
