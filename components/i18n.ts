/**
 * The UI's words, from the extension's i18n messages (`public/_locales/<lang>/messages.json`; English is complete).
 * Keys are checked against the English file at compile time.
 */
import { browser } from 'wxt/browser';
import { formatMessage, type Message, type MessageKey } from '../models/messages';

export type { MessageKey };

/** The message for `key` with `$1`, `$2`… filled in; the key itself if the browser has no such message. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/** A message given as data (e.g. a pick's reason), with its nested substitutions, in words. */
export function tm(message: Message): string {
  return formatMessage(message, (key, subs) => t(key, ...subs));
}
