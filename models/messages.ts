/** The keys of the UI's messages: the English messages file is the list (`public/_locales/en/messages.json`). */
import type english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;
