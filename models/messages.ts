/**
 * The UI's messages: their keys (the English file is the list, `public/_locales/en/messages.json`) and a message
 * with its substitutions as data, so browser-free code (the ranker's reasons) can say what to show without words.
 */
import type english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

/** A message key with its `$1`, `$2`… substitutions: text, another message, or a list of messages (", "-joined). */
export interface Message {
  key: MessageKey;
  subs: (string | Message | Message[])[];
}

/** A message in words, given a lookup of one message with plain-text substitutions (the browser's i18n, or a file). */
export function formatMessage(message: Message, lookup: (key: MessageKey, subs: string[]) => string): string {
  const sub = (s: string | Message | Message[]): string =>
    typeof s === 'string' ? s : Array.isArray(s) ? s.map(sub).join(', ') : formatMessage(s, lookup);
  return lookup(message.key, message.subs.map(sub));
}

/** `$n` substitution as Chrome does it, for a messages file read outside the browser (tests, scripts). */
export function fromMessagesFile(file: Record<string, { message: string }>) {
  return (key: MessageKey, subs: string[]): string =>
    (file[key]?.message ?? key).replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
