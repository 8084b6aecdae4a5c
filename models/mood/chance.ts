/**
 * The chance a reading is right, what the popup states as "how sure": the probability the reading gives its leading
 * emotion and how much detail the faces hold (models/face/detail.ts), through a logistic calibration (Platt 1999
 * with one more input; p = σ(a·logit(p_top) + d·detail + b), the detail kept within the range it was fitted on),
 * fitted by `npm run emotion:fit-confidence` on tuning data of both kinds of face the extension reads (real-size
 * photos of performers split off for tuning, and FER faces on webcam-like frames), so "80 % sure" is right about 80 %
 * of the time on either. That script also shows why these inputs: held out, the mood's margin-aware certainty (which
 * also carries the detection score) predicted being right worse, and a small or blurred face is right less often
 * than its leading probability says. The certainty stays what the ranker reads as the mood's strength.
 */
import fitted from '../weights/confidence-calibration.json';
import { logit, sigmoid } from '../probability';

export interface ConfidenceCalibration {
  a: number;
  b: number;
  /** The weight of the faces' detail and the range it is clamped to (that of the tuning data). */
  detail: { weight: number; from: number; to: number };
}

export const SHIPPED_CONFIDENCE: ConfidenceCalibration = fitted;

/** The chance of being right for a reading whose leading emotion has probability `top`, of faces with `detail`. */
export function chanceRight(
  top: number,
  detail: number,
  calibration: ConfidenceCalibration = SHIPPED_CONFIDENCE,
): number {
  const { weight, from, to } = calibration.detail;
  return sigmoid(calibration.a * logit(top) + weight * Math.min(to, Math.max(from, detail)) + calibration.b);
}
