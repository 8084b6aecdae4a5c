/**
 * The chance a reading is right, what the popup states as "how sure": the mood rule's margin-aware certainty mapped
 * through Platt scaling (Platt 1999; p = σ(a·logit(certainty) + b)), fitted by `npm run emotion:fit-confidence` on
 * the tuning part of the real-size labelled photos (split by person), so "80 % sure" is right about 80 % of the time
 * on faces like the ones users show. The certainty itself stays what the ranker reads as the mood's strength.
 */
import fitted from '../weights/confidence-calibration.json';
import { logit, sigmoid } from '../probability';

export interface ConfidenceCalibration {
  a: number;
  b: number;
}

export const SHIPPED_CONFIDENCE: ConfidenceCalibration = { a: fitted.a, b: fitted.b };

export function chanceRight(certainty: number, calibration: ConfidenceCalibration = SHIPPED_CONFIDENCE): number {
  return sigmoid(calibration.a * logit(certainty) + calibration.b);
}
