/**
 * The UI's words, from the extension's i18n messages (`public/_locales/<lang>/messages.json`; English is complete),
 * in the browser's UI language; plurals, numbers and dates through `Intl` in that same language.
 */
import { browser } from 'wxt/browser';
import { formatMessage, genreMessage, type Message, type MessageKey, type PluralKey } from '../models/messages';
import { elapsed } from '../models/elapsed';

export type { MessageKey };

/** The language the browser shows its own UI in, which picks the messages file (e.g. "de", "pt-BR"). */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** The message for `key` with `$1`, `$2`… filled in; the key itself if the browser has no such message. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/** A message given as data (e.g. a pick's reason), with its nested substitutions, in words. */
export function tm(message: Message): string {
  const list = (lists ??= new Intl.ListFormat(uiLanguage(), { type: 'conjunction', style: 'narrow' }));
  return formatMessage(message, (key, subs) => t(key, ...subs), {
    number: (n, digits) => formatNumber(n, digits),
    list: (items) => list.format(items),
  });
}

/**
 * Genres (MovieLens names) in the UI language, as a list. Their hyphens do not break ("Sci-" at a line's end, "fi" on
 * the next, in a narrow card).
 */
export function genreList(genres: readonly string[]): string {
  return tm({ key: 'verbatim', subs: [genres.map(genreMessage)] }).replace(/-/g, '\u2011');
}

let plurals: Intl.PluralRules | undefined;
let lists: Intl.ListFormat | undefined;

/**
 * `n` things in words: the `<base>_<category>` message for the language's plural category of `n` (`Intl.PluralRules`),
 * falling back to `<base>_other` where a language does not word that category apart; `$1` is `n` as a number.
 */
export function plural(base: PluralKey, n: number): string {
  const category = (plurals ??= new Intl.PluralRules(uiLanguage())).select(n);
  const number = formatNumber(n);
  // A language may word a category English does not ("many" in French), so not every key is an English one.
  const key = `${base}_${category}` as MessageKey;
  return browser.i18n.getMessage(key, [number]) || t(`${base}_other`, number);
}

/** One formatter per kind: building an Intl formatter costs far more than using one, and every card uses several. */
const formatters = new Map<string, { format(x: number): string }>();
function formatter(kind: string, make: (language: string) => { format(x: number): string }) {
  let f = formatters.get(kind);
  if (!f) formatters.set(kind, (f = make(uiLanguage())));
  return f;
}

/** A number as the UI language writes it (digit grouping, decimal mark); `digits` fixes the decimals. */
export function formatNumber(n: number, digits?: number): string {
  return formatter(
    `number:${digits ?? ''}`,
    (language) => new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(n);
}

/** A share (0…1) as a whole percentage in the UI language ("82 %" in French, "82%" in English). */
export function formatPercent(share: number): string {
  return formatter(
    'percent',
    (language) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(share);
}

/** A moment as a short date and time in the UI language. */
export function formatDateTime(ms: number): string {
  return formatter(
    'date',
    (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(ms);
}

let relative: Intl.RelativeTimeFormat | undefined;
/** How long ago `at` was, in the UI language ("5 minutes ago", "yesterday", "now"). */
export function formatAgo(at: number, now = Date.now()): string {
  const { value, unit } = elapsed(at, now);
  return (relative ??= new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' })).format(value, unit);
}

/** Gives an extension page the UI language and a title in it (the HTML files carry English defaults). */
export function localizePage(titleKey: MessageKey): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}
