/**
 * The user's settings: typed defaults, a version, and a migration from anything older or damaged.
 * Stored by the edges (extension storage); this module only says what valid settings are.
 */
import { isRecord } from './checks';
import { DETECTORS, type DetectorKind } from './face/config';
import { DEFAULT_FILTERS, type Filters } from './recommend/filters';
import { isCountryCode } from './region/region';
import { SITE_IDS, type SiteId } from './sites/site';
import { TMDB_DEFAULT_BASE_URL } from './tmdb/api';

export const SETTINGS_VERSION = 3;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Fast (TinyFaceDetector) or accurate (SSD MobileNet v1). */
  detector: DetectorKind;
  /** The user's own TMDB API key; empty means online refresh is off (the default). */
  tmdbApiKey: string;
  /** ISO 3166-1 region for streaming services and "now playing". */
  tmdbRegion: string;
  /** TMDB's API root; only https, or plain http on this machine (for tests and local proxies). */
  tmdbBaseUrl: string;
  /** The companion overlay, on or off per site (v3). */
  overlay: Record<SiteId, boolean>;
  /** Sites where the overlay's panel was left open (v3): it opens there again. */
  overlayOpen: SiteId[];
  /** What picks may include (v3): excluded genres, languages, years, adult titles (off by default). */
  filters: Filters;
  /** The streaming services the user has (v3): "watch on" links for the watchlist. */
  services: StreamingService[];
  /** Light, dark or as the system says (v3). */
  theme: Theme;
  /** The popup's "match the look of my picture": picks that also look like the snapshot's scene (off by default). */
  matchLook: boolean;
}

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export type StreamingService = Exclude<SiteId, 'generic'>;
export const STREAMING_SERVICES = SITE_IDS.filter((id): id is StreamingService => id !== 'generic');
/** Years the year-range filter accepts. */
export const YEAR_RANGE = { min: 1874, max: 2100 } as const;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  detector: 'tiny',
  tmdbApiKey: '',
  tmdbRegion: 'US',
  tmdbBaseUrl: TMDB_DEFAULT_BASE_URL,
  overlay: Object.fromEntries(SITE_IDS.map((id) => [id, true])) as Record<SiteId, boolean>,
  overlayOpen: [],
  filters: DEFAULT_FILTERS,
  services: [],
  theme: 'system',
  matchLook: false,
};

export function isAllowedBaseUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
    );
  } catch {
    return false;
  }
}

/** A stored or suggested region that is a country's code, else null. */
const countryOrNull = (r: unknown): string | null => (typeof r === 'string' && isCountryCode(r) ? r : null);

/** TMDB v3 keys are 32 hex characters; v4 read tokens are long JWTs. Anything else is rejected before use. */
export function isPlausibleApiKey(key: string): boolean {
  return /^[A-Za-z0-9._-]{16,400}$/.test(key);
}

/**
 * Any stored value to valid settings: known fields are kept when valid, the rest take their defaults. A region never
 * chosen (or no country's, as "UK" once could be) asks `regionFallback` first (the loader's: where the device is).
 */
export function migrateSettings(stored: unknown, regionFallback: () => string | null = () => null): Settings {
  const s = isRecord(stored) ? stored : {};
  const key = typeof s.tmdbApiKey === 'string' ? s.tmdbApiKey.trim() : '';
  const overlay = typeof s.overlay === 'object' && s.overlay !== null ? (s.overlay as Record<string, unknown>) : {};
  return {
    version: SETTINGS_VERSION,
    detector: (DETECTORS as readonly unknown[]).includes(s.detector)
      ? (s.detector as DetectorKind)
      : DEFAULT_SETTINGS.detector,
    tmdbApiKey: isPlausibleApiKey(key) ? key : '',
    tmdbRegion: countryOrNull(s.tmdbRegion) ?? countryOrNull(regionFallback()) ?? DEFAULT_SETTINGS.tmdbRegion,
    tmdbBaseUrl: isAllowedBaseUrl(s.tmdbBaseUrl) ? s.tmdbBaseUrl : DEFAULT_SETTINGS.tmdbBaseUrl,
    overlay: Object.fromEntries(
      SITE_IDS.map((id) => [id, typeof overlay[id] === 'boolean' ? overlay[id] : DEFAULT_SETTINGS.overlay[id]]),
    ) as Record<SiteId, boolean>,
    overlayOpen: Array.isArray(s.overlayOpen)
      ? SITE_IDS.filter((id) => (s.overlayOpen as unknown[]).includes(id))
      : DEFAULT_SETTINGS.overlayOpen,
    filters: migrateFilters(s.filters),
    services: Array.isArray(s.services)
      ? STREAMING_SERVICES.filter((id) => (s.services as unknown[]).includes(id))
      : DEFAULT_SETTINGS.services,
    theme: (THEMES as readonly unknown[]).includes(s.theme) ? (s.theme as Theme) : DEFAULT_SETTINGS.theme,
    matchLook: typeof s.matchLook === 'boolean' ? s.matchLook : DEFAULT_SETTINGS.matchLook,
  };
}

/** A year the year-range filter accepts. */
export const isYear = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= YEAR_RANGE.min && (v as number) <= YEAR_RANGE.max;

function migrateFilters(stored: unknown): Filters {
  const f = isRecord(stored) ? stored : {};
  const strings = (v: unknown, ok: (x: string) => boolean) =>
    Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string' && ok(x)))].slice(0, 50) : [];
  let yearMin = isYear(f.yearMin) ? f.yearMin : null;
  let yearMax = isYear(f.yearMax) ? f.yearMax : null;
  if (yearMin !== null && yearMax !== null && yearMin > yearMax) [yearMin, yearMax] = [yearMax, yearMin];
  return {
    includeSeen: f.includeSeen === true,
    excludedGenres: strings(f.excludedGenres, (g) => g.length > 0 && g.length <= 40),
    languages: strings(f.languages, (l) => /^[a-z]{2}$/.test(l)),
    unknownLanguage: f.unknownLanguage !== false,
    yearMin,
    yearMax,
    adult: f.adult === true,
  };
}
