/**
 * The "original languages" filter as the user types it: language names (in the reader's language or in English) or
 * two-letter codes as TMDB writes a film's original language, separated by commas (or, for codes, spaces). A word
 * that is neither is reported, not saved, so the filter never differs from what the user reads in the field.
 */

export interface ParsedLanguages {
  /** The codes to keep, in the order typed, each once. */
  codes: string[];
  /** Each code's name in the reader's language, in the same order. */
  names: string[];
  /** The words that are no language, as typed (lower case). */
  unknown: string[];
}

/** TMDB writes Cantonese as "cn", which is no ISO 639-1 code. */
const TMDB_ALIASES: Record<string, string> = { cn: 'yue' };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A name as it is looked up: lower case, accents, dashes and extra spaces left out. */
const nameKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-‐]+/g, ' ')
    .trim();

const namesCache = new Map<string, Map<string, string>>();

/** Every two-letter code's name in `languages` (first wins), by `nameKey`. */
function codesByName(languages: readonly string[]): Map<string, string> {
  const cacheKey = languages.join('|');
  let byName = namesCache.get(cacheKey);
  if (byName) return byName;
  byName = new Map();
  for (const language of languages) {
    const display = new Intl.DisplayNames([language], { type: 'language', fallback: 'none' });
    for (const a of LETTERS)
      for (const b of LETTERS) {
        const code = a + b;
        // A name leads to today's code ("Hebrew" to he, not the withdrawn iw).
        if (Intl.getCanonicalLocales(code)[0] !== code) continue;
        const name = display.of(TMDB_ALIASES[code] ?? code);
        if (name !== undefined && !byName.has(nameKey(name))) byName.set(nameKey(name), code);
      }
  }
  namesCache.set(cacheKey, byName);
  return byName;
}

/** A code's name in the reader's language (the code itself where the browser knows no name for it). */
export const languageName = (code: string, readerLanguage: string): string =>
  new Intl.DisplayNames([readerLanguage], { type: 'language', fallback: 'none' }).of(TMDB_ALIASES[code] ?? code) ??
  code;

export function parseLanguages(text: string, readerLanguage: string): ParsedLanguages {
  const display = new Intl.DisplayNames([readerLanguage], { type: 'language', fallback: 'none' });
  const byName = codesByName([readerLanguage, 'en']);
  const codeOf = (word: string): string | undefined => {
    const lower = word.toLowerCase();
    if (/^[a-z]{2}$/.test(lower)) return display.of(TMDB_ALIASES[lower] ?? lower) === undefined ? undefined : lower;
    return byName.get(nameKey(word));
  };
  const codes = new Set<string>();
  const unknown = new Set<string>();
  for (const part of text.split(/[,;、，；]+/)) {
    if (!part.trim()) continue;
    // A name of several words ("Norwegian Bokmål") as a whole; otherwise each word is a code or a name.
    const whole = codeOf(part);
    const words = whole ? [] : part.split(/\s+/).filter(Boolean);
    if (whole) codes.add(whole);
    for (const word of words) {
      const code = codeOf(word);
      if (code) codes.add(code);
      else unknown.add(word.toLowerCase());
    }
  }
  return {
    codes: [...codes],
    names: [...codes].map((code) => languageName(code, readerLanguage)),
    unknown: [...unknown],
  };
}
