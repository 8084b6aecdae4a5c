/**
 * The chance a reading is right, what the popup states as "how sure": the probability the reading gives its leading
 * emotion, mapped through Platt scaling (Platt 1999; p = σ(a·logit(p_top) + b)), fitted by
 * `npm run emotion:fit-confidence` on tuning data of both kinds of face the extension reads (real-size photos of
 * performers split off for tuning, and FER faces on webcam-like frames), so "80 % sure" is right about 80 % of the
 * time on either. That script also shows why the top probability and not the mood's margin-aware certainty: held out,
 * the certainty (which also carries the detection score) predicted being right worse. The certainty stays what the
 * ranker reads as the mood's strength.
 */
import fitted from '../weights/confidence-calibration.json';
import { logit, sigmoid } from '../probability';

export interface ConfidenceCalibration {
  a: number;
  b: number;
}

export const SHIPPED_CONFIDENCE: ConfidenceCalibration = { a: fitted.a, b: fitted.b };

/** The chance of being right for a reading whose leading emotion has probability `top`. */
export function chanceRight(top: number, calibration: ConfidenceCalibration = SHIPPED_CONFIDENCE): number {
  return sigmoid(calibration.a * logit(top) + calibration.b);
}
