/**
 * The country a user most likely streams in, for a region they never chose: where the device's clock is set (its
 * time zone), else what the browser's language implies.
 */
import table from './time-zones.json';

let countryOfZone: Map<string, string> | null = null;

/** The country of a time zone ("Europe/Berlin" → DE, "Asia/Calcutta" → IN); null for one of none (UTC, Etc/GMT-5). */
export function regionOfTimeZone(timeZone: string): string | null {
  countryOfZone ??= new Map(
    Object.entries(table.zones).flatMap(([code, zones]) => zones.map((zone) => [zone, code] as const)),
  );
  return countryOfZone.get(timeZone) ?? null;
}

/** Whether `code` is a country's ISO 3166-1 code (GB, not UK; no EU or XX): the codes TMDB's region takes. */
export function isCountryCode(code: string): boolean {
  return Object.hasOwn(table.zones, code);
}

/** A country's name in the reader's language ("IN" → "India", "Indien"), or null where the runtime has none. */
export function countryName(code: string, readerLanguage: string): string | null {
  try {
    return new Intl.DisplayNames([readerLanguage], { type: 'region', fallback: 'none' }).of(code) ?? null;
  } catch {
    return null;
  }
}

/**
 * The country a language tag implies: "de" → DE, "pt-BR" → BR, "en" → US (the likeliest, by CLDR's likely
 * subtags); null for a tag that implies none (e.g. "es-419", Latin America).
 */
export function regionOfLanguage(language: string): string | null {
  try {
    const region = new Intl.Locale(language).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? region : null;
  } catch {
    return null;
  }
}

/**
 * The clock's country first: an English browser in India is shown where to stream in India, not in the US (the
 * country English implies); a clock set to UTC says nothing, and the language speaks.
 */
export function defaultRegion(timeZone: string | undefined, language: string): string | null {
  return (timeZone ? regionOfTimeZone(timeZone) : null) ?? regionOfLanguage(language);
}
