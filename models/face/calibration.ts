/**
 * Class calibration of face-api's expression head: its probabilities re-weighted by e^β per emotion and
 * renormalised, which is the same as adding β to its logits. face-api's net leans to neutral and rarely says fearful
 * or angry; β is fitted by `npm run emotion:train` (maximum likelihood on FER2013 Train, never on PublicTest) and
 * applied to every face read by face-api's head (the analyzer's default), in the extension and in the Node evaluation
 * alike. Moodreel's own head learned the class balance itself and is read without it.
 */
import { EMOTIONS, type Emotion, type EmotionProbabilities } from '../mood/emotions';
import fitted from '../weights/expression-calibration.json';

export interface ExpressionCalibration {
  version: number;
  /** β per emotion, in logit units. */
  bias: Record<Emotion, number>;
}

export const EXPRESSION_CALIBRATION: ExpressionCalibration = fitted as ExpressionCalibration;

export function calibrate(
  p: EmotionProbabilities,
  calibration: ExpressionCalibration = EXPRESSION_CALIBRATION,
): EmotionProbabilities {
  let sum = 0;
  const out = {} as EmotionProbabilities;
  for (const e of EMOTIONS) {
    out[e] = p[e] * Math.exp(calibration.bias[e]);
    sum += out[e];
  }
  if (!(sum > 0)) return p;
  for (const e of EMOTIONS) out[e] /= sum;
  return out;
}
