/**
 * Serves a promise-returning message listener in every browser. Chrome's own `runtime.onMessage` does not take a
 * returned promise as the reply (webextension-polyfill bridged that), so the reply goes through `sendResponse`, which
 * Firefox honours too.
 */
import { browser, type Browser } from 'wxt/browser';
import { replyForError } from '../../models/messaging';

export type MessageSender = Browser.runtime.MessageSender;

export function onMessage(listener: (raw: unknown, sender: MessageSender) => Promise<unknown> | undefined): void {
  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void) => {
      const reply = listener(raw, sender);
      if (reply === undefined) return false;
      reply.then(sendResponse, (error: unknown) => sendResponse(replyForError(error)));
      // Keeps the channel open until the reply is sent.
      return true;
    },
  );
}
