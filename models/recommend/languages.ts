/**
 * The "original languages" filter as the user types it: two-letter codes as TMDB writes a film's original language,
 * separated by commas or spaces. A word that is no such code is reported, not saved, so the filter never differs from
 * what the user reads in the field.
 */

export interface ParsedLanguages {
  /** The codes to keep, in the order typed, each once. */
  codes: string[];
  /** Each code's name in the reader's language, in the same order. */
  names: string[];
  /** The words that are no language code, as typed (lower case). */
  unknown: string[];
}

/** TMDB writes Cantonese as "cn", which is no ISO 639-1 code. */
const TMDB_ALIASES: Record<string, string> = { cn: 'yue' };

export function parseLanguages(text: string, readerLanguage: string): ParsedLanguages {
  const display = new Intl.DisplayNames([readerLanguage], { type: 'language', fallback: 'none' });
  const parsed: ParsedLanguages = { codes: [], names: [], unknown: [] };
  for (const word of new Set(
    text
      .toLowerCase()
      .split(/[\s,;]+/)
      .filter(Boolean),
  )) {
    const name = /^[a-z]{2}$/.test(word) ? display.of(TMDB_ALIASES[word] ?? word) : undefined;
    if (name === undefined) parsed.unknown.push(word);
    else {
      parsed.codes.push(word);
      parsed.names.push(name);
    }
  }
  return parsed;
}
