/**
 * Serves a promise-returning message listener in every browser. Chrome's own `runtime.onMessage` does not take a
 * returned promise as the reply (webextension-polyfill bridged that), so the reply goes through `sendResponse`, which
 * Firefox honours too.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Reply } from '../../models/messaging';

export type MessageSender = Browser.runtime.MessageSender;

export function onMessage(
  listener: (raw: unknown, sender: MessageSender) => Promise<Reply<unknown>> | undefined,
): void {
  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void) => {
      const reply = listener(raw, sender);
      if (reply === undefined) return false;
      // guardedListener turns every failure into an error reply: the promise does not reject.
      void reply.then(sendResponse);
      // Keeps the channel open until the reply is sent.
      return true;
    },
  );
}
