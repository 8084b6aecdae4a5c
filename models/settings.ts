/**
 * The user's settings: typed defaults, a version, and a migration from anything older or damaged.
 * Stored by the edges (extension storage); this module only says what valid settings are.
 */
import { DETECTORS, type DetectorKind } from './face/config';

export const SETTINGS_VERSION = 1;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Fast (TinyFaceDetector) or accurate (SSD MobileNet v1). */
  detector: DetectorKind;
}

export const DEFAULT_SETTINGS: Settings = { version: SETTINGS_VERSION, detector: 'tiny' };

/** Any stored value to valid settings: known fields are kept when valid, the rest take their defaults. */
export function migrateSettings(stored: unknown): Settings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    version: SETTINGS_VERSION,
    detector: (DETECTORS as readonly unknown[]).includes(s.detector)
      ? (s.detector as DetectorKind)
      : DEFAULT_SETTINGS.detector,
  };
}
