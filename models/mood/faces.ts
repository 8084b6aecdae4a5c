import type { EmotionProbabilities } from './emotions';

/** A face box in pixels of the analysed image. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One detected face as the analyzer reports it. */
export interface Face {
  box: Box;
  /** The detector's confidence that this is a face, 0..1. */
  score: number;
  /** How much fine detail the face holds (models/face/detail.ts): low for small or blurred faces. */
  detail: number;
  expressions: EmotionProbabilities;
}
