/**
 * Per tone, the probability from which a reason may name it (the tone model's `reasonAt`, fitted with it by
 * `npm run films:fit-tones`). Only this part of the model is bundled where picks are ranked.
 */
import type { Tone } from './tones';
import { reasonAt } from '../weights/tone-model.json';

export const TONE_REASON_AT: Readonly<Record<Tone, number | null>> = reasonAt as Record<Tone, number | null>;
