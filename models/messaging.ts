/**
 * Messaging between Moodreel's contexts: the reply envelope, the typed client, the guarded listener every receiver
 * uses, and the sender checks. The messages themselves are declared in protocol.ts. Browser-free: the transport is
 * passed in by the edges.
 */
import { isRecord } from './checks';
import { errorText } from './error-text';
import { Problem, type ErrorCode } from './problems';

export interface ProtocolErrorBody {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolErrorBody };

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The parts of a runtime message sender we look at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; windowId?: number };
}

/** A page of this extension (popup, options, camera page, offscreen document): same id, our origin, no tab frame of a website. */
export function senderIsExtensionPage(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/**
 * A content script of ours in a tab's web page (http or https) or a file opened from the computer (a film watched
 * from disk, where the right-click's read injects the overlay): the tab is set, the URL is the page's.
 */
export function senderIsContentScript(sender: SenderInfo, extensionId: string): boolean {
  return (
    sender.id === extensionId &&
    sender.tab !== undefined &&
    typeof sender.url === 'string' &&
    /^(https?:\/\/|file:\/\/\/)/.test(sender.url)
  );
}

/** Our background (Chrome's service worker, Firefox's background page): it has no tab, and its URL is ours. */
export function senderIsBackground(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return (
    sender.id === extensionId &&
    sender.tab === undefined &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(extensionOrigin) &&
    // Chrome's service worker, or the page Firefox generates for a background script.
    /\/(background\.js|_generated_background_page\.html)$/.test(sender.url)
  );
}

export function okReply<T>(value: T): Reply<T> {
  return { ok: true, value };
}

export function errorReply(code: ErrorCode, message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

/**
 * The reply for a handler's error: a ProtocolError keeps its code; a storage write the browser refused (quota, full
 * disk) is `storage-failed`, so the user hears that nothing was saved; a database of a newer schema than this build
 * knows (the add-on rolled back) is `storage-newer`, which only an update mends; anything else is the message's own
 * failure (`failsAs` in its declaration), so the user hears what failed.
 */
export function replyForError(error: unknown, failsAs: ErrorCode): Reply<never> {
  const message = errorText(error);
  if (error instanceof ProtocolError) return errorReply(error.code, error.message);
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'QuotaExceededError' || name === 'UnknownError') return errorReply('storage-failed', message);
  if (name === 'VersionError') return errorReply('storage-newer', message);
  return errorReply(failsAs, message);
}

/** An error that crossed the protocol; `code` says what kind, for the UI to pick its message. */
export class ProtocolError extends Problem<ErrorCode> {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'ProtocolError';
  }
}

function isReply(v: unknown): v is Reply<unknown> {
  if (!isRecord(v)) return false;
  if (v.ok === true) return 'value' in v;
  return v.ok === false && isRecord(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string';
}

/**
 * A typed client over any transport that delivers one message and resolves with the reply
 * (for example `browser.runtime.sendMessage`). Errors come back as `ProtocolError`.
 */
export function createClient<Api extends { [K in keyof Api]: { request: { type: K }; response: unknown } }>(
  send: (message: unknown) => Promise<unknown>,
) {
  return async function request<K extends keyof Api & string>(
    message: Api[K]['request'] & { type: K },
  ): Promise<Api[K]['response']> {
    const reply = await send(message);
    if (!isReply(reply)) throw new ProtocolError('invalid-message', `No valid reply to ${message.type}`);
    if (!reply.ok) throw new ProtocolError(reply.error.code, reply.error.message);
    return reply.value as Api[K]['response'];
  };
}

/**
 * A runtime.onMessage listener body shared by every receiving context: ignore what is not ours (return undefined, so
 * its owner can answer), refuse foreign senders and malformed payloads with a logged reason, hand the rest to
 * `handle`, whose failure becomes an error reply (never a rejection). `context` names the receiver in the log.
 */
export function guardedListener<R>(options: {
  context: string;
  parse: (raw: unknown) => Parsed<R> | null;
  /** May this sender send a message of this type? */
  senderOk: (sender: SenderInfo, type: string) => boolean;
  foreignMessage: string;
  handle: (request: R, sender: SenderInfo) => Promise<Reply<unknown>>;
  /** What a failure of this request is reported as when the error does not say: its declaration's `failsAs`. */
  failsAs: (request: R) => ErrorCode;
}): (raw: unknown, sender: SenderInfo) => Promise<Reply<unknown>> | undefined {
  return (raw, sender) => {
    const parsed = options.parse(raw);
    if (parsed === null) return undefined;
    if (!options.senderOk(sender, (raw as { type: string }).type)) {
      console.warn(`Moodreel ${options.context}: rejected a message from a foreign sender`, sender.url);
      return Promise.resolve(errorReply('foreign-sender', options.foreignMessage));
    }
    if (!parsed.ok) {
      console.warn(`Moodreel ${options.context}: rejected a malformed message:`, parsed.reason);
      return Promise.resolve(errorReply('invalid-message', parsed.reason));
    }
    const request = parsed.value;
    return Promise.resolve()
      .then(() => options.handle(request, sender))
      .catch((error: unknown) => replyForError(error, options.failsAs(request)));
  };
}
