/**
 * Readings of a face that the extension does not ship, kept for measuring against it (`emotion:eval`) and for
 * training (`emotion:train`): Moodreel's own expression head (a softmax layer over FaceExpressionNet's features,
 * trained on FER2013 Train; it read crops better but the extension's path worse, see docs/emotion.md), and Moodreel's CNN
 * read alone. The shipped reading is the analyzer's own (`shippedView`).
 */
import { meanOverViews, shippedView, type ExpressionView } from '../../models/face/analyzer';
import { blendLogits } from '../../models/face/expression-cnn';
import { headLogits, type ExpressionHead } from '../../models/face/expression-head';
import type { EmotionProbabilities } from '../../models/mood/emotions';
import { softmax } from '../../models/probability';
import trained from './expression-head.json';

/** The head `emotion:train` wrote (7 × 256 weights, 7 biases). */
export const MOODREEL_HEAD: ExpressionHead = trained as ExpressionHead;

export interface Reading {
  head: 'face-api' | 'moodreel';
  /** face-api's head only: its class calibration (the extension's default: on). */
  calibrate?: boolean;
  /** Moodreel's CNN left out, blended with the head, or read alone. */
  cnn: 'off' | 'blend' | 'alone';
  mirror: boolean;
}

/** A face's expressions from its views under any reading, shipped or not. */
export function readExperiment(
  views: readonly ExpressionView[],
  reading: Reading,
  faceApiHead: ExpressionHead,
): EmotionProbabilities {
  const shipped = shippedView(
    { calibrate: reading.calibrate ?? true, cnn: reading.cnn === 'blend' ? 'blend' : 'off' },
    faceApiHead,
  );
  const head = (view: ExpressionView) => {
    if (reading.head === 'face-api') return shipped(view);
    const p = softmax(headLogits(MOODREEL_HEAD, view.features));
    return reading.cnn === 'blend' && view.cnn ? softmax(blendLogits(p, view.cnn, view.detail)) : p;
  };
  return meanOverViews(views, reading.mirror, (view) =>
    reading.cnn === 'alone' && view.cnn ? softmax(view.cnn) : head(view),
  );
}
