/**
 * The UI's messages: their keys (the English file is the list, `public/_locales/en/messages.json`) and a message
 * with its substitutions as data, so browser-free code (the ranker's reasons) can say what to show without words.
 */
import type english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

/** A counted message: `<base>_one`, `<base>_other`… per plural category (English words one and other). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/** MovieLens genre names and their messages; a genre outside the list is shown as MovieLens spells it. */
const GENRE_KEYS: Record<string, MessageKey> = {
  Action: 'genre_action',
  Adventure: 'genre_adventure',
  Animation: 'genre_animation',
  Children: 'genre_children',
  Comedy: 'genre_comedy',
  Crime: 'genre_crime',
  Documentary: 'genre_documentary',
  Drama: 'genre_drama',
  Fantasy: 'genre_fantasy',
  'Film-Noir': 'genre_filmNoir',
  Horror: 'genre_horror',
  IMAX: 'genre_imax',
  Musical: 'genre_musical',
  Mystery: 'genre_mystery',
  Romance: 'genre_romance',
  'Sci-Fi': 'genre_sciFi',
  Thriller: 'genre_thriller',
  War: 'genre_war',
  Western: 'genre_western',
};

/** A genre as a message in the UI language. */
export function genreMessage(genre: string): Message {
  const key = GENRE_KEYS[genre];
  return key ? { key, subs: [] } : { key: 'verbatim', subs: [genre] };
}

/** A number to be written in the reader's language, with a fixed count of decimals. */
export interface NumberSub {
  number: number;
  digits: number;
}

/**
 * A message key with its `$1`, `$2`… substitutions: text, a number, another message, or a list of messages (joined
 * as a list in the reader's language).
 */
export interface Message {
  key: MessageKey;
  subs: (string | NumberSub | Message | Message[])[];
}

/** How a language writes numbers and lists; the default is plain English. */
export interface Writing {
  number(n: number, digits: number): string;
  list(items: string[]): string;
}

const ENGLISH: Writing = { number: (n, digits) => n.toFixed(digits), list: (items) => items.join(', ') };

/** A message in words, given a lookup of one message with plain-text substitutions (the browser's i18n, or a file). */
export function formatMessage(
  message: Message,
  lookup: (key: MessageKey, subs: string[]) => string,
  writing: Writing = ENGLISH,
): string {
  const sub = (s: string | NumberSub | Message | Message[]): string =>
    typeof s === 'string'
      ? s
      : Array.isArray(s)
        ? writing.list(s.map(sub))
        : 'number' in s
          ? writing.number(s.number, s.digits)
          : formatMessage(s, lookup, writing);
  return lookup(message.key, message.subs.map(sub));
}

/** `$n` substitution as Chrome does it, for a messages file read outside the browser (tests, scripts). */
export function fromMessagesFile(file: Record<string, { message: string }>) {
  return (key: MessageKey, subs: string[]): string =>
    (file[key]?.message ?? key).replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
