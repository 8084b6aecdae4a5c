/**
 * Property-based tests (fast-check): thousands of random payloads and senders at every parser and at the guarded
 * listener each receiving context uses. Nothing may throw; nothing malformed or foreign may reach a handler.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../models/settings';
import { parseUserData } from '../../models/store/backup';
import { parseMoodSummary } from '../../models/mood/summary';
import {
  CONTENT_SCRIPT_REQUESTS,
  parseBackgroundRequest,
  parseOffscreenRequest,
  parseOverlayRequest,
} from '../../models/protocol';
import {
  guardedListener,
  okReply,
  senderIsBackground,
  senderIsContentScript,
  senderIsExtensionPage,
  type SenderInfo,
} from '../../models/messaging';

const RUNS = 3000;
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const TYPES = [
  'analyze-image',
  'check-mood',
  'capture-tab',
  'recommend',
  'feedback',
  'feedback-undo',
  'mood-map-reset',
  'mood-map-status',
  'mood-record',
  'history-update',
  'history-forget',
  'privacy-import',
  'privacy-delete',
  'movies-get',
  'kept-list',
  'offscreen:analyze',
  'overlay:read-frame',
];

/** Random payloads: anything at all, and objects that carry a known type with random fields. */
const payload = fc.oneof(
  fc.anything(),
  fc
    .record({ type: fc.constantFrom(...TYPES) }, { requiredKeys: ['type'] })
    .chain((base) => fc.dictionary(fc.string(), fc.anything()).map((rest) => ({ ...rest, ...base }))),
);

const sender: fc.Arbitrary<SenderInfo> = fc.record(
  {
    id: fc.oneof(fc.constant(ID), fc.string()),
    url: fc.oneof(
      fc.constant(`${ORIGIN}popup.html`),
      fc.constant(`${ORIGIN}background.js`),
      fc.constant('https://www.netflix.com/watch/1'),
      fc.webUrl(),
      fc.string(),
    ),
    tab: fc.oneof(fc.constant(undefined), fc.record({ id: fc.nat(), windowId: fc.nat() })),
  },
  { requiredKeys: [] },
);

describe('parsers never throw and only pass well-formed messages', () => {
  it('background, offscreen and overlay parsers', () => {
    fc.assert(
      fc.property(payload, (raw) => {
        for (const parse of [parseBackgroundRequest, parseOffscreenRequest, parseOverlayRequest]) {
          const parsed = parse(raw);
          if (parsed?.ok) {
            // What passes re-parses to itself: the value carries no field the parser did not check.
            expect(parse(JSON.parse(JSON.stringify(parsed.value)))).toEqual(parsed);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('objects with an unexpected field are always refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.anything(), (type, junk) => {
        const raw = { type, unexpectedField: junk };
        for (const parse of [parseBackgroundRequest, parseOffscreenRequest, parseOverlayRequest]) {
          const parsed = parse(raw);
          expect(parsed === null || parsed.ok === false).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('stored data parsers: settings, mood summaries, imports', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const settings = migrateSettings(raw);
        expect(migrateSettings(settings)).toEqual(settings);
        parseMoodSummary(raw);
        try {
          parseUserData(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('guarded listeners', () => {
  it('hand the background only well-formed messages from our pages (content scripts: a short list)', async () => {
    const handled: unknown[] = [];
    const listener = guardedListener({
      context: 'test',
      parse: parseBackgroundRequest,
      senderOk: (s, type) =>
        senderIsExtensionPage(s, ID, ORIGIN) ||
        (senderIsContentScript(s, ID) && (CONTENT_SCRIPT_REQUESTS as readonly string[]).includes(type)),
      foreignMessage: 'no',
      handle: async (request) => {
        handled.push(request);
        return okReply(null);
      },
      failsAs: () => 'inference-failed',
    });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      await fc.assert(
        fc.asyncProperty(payload, sender, async (raw, s) => {
          handled.length = 0;
          await listener(raw, s);
          for (const request of handled) {
            const type = (request as { type: string }).type;
            const page = senderIsExtensionPage(s, ID, ORIGIN);
            expect(page || (senderIsContentScript(s, ID) && CONTENT_SCRIPT_REQUESTS.includes(type as never))).toBe(
              true,
            );
            expect(parseBackgroundRequest(request)?.ok).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    } finally {
      console.warn = warn;
    }
  });

  it('let only the background reach the offscreen document and the overlay', async () => {
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      for (const parse of [parseOffscreenRequest, parseOverlayRequest] as const) {
        let handled = 0;
        const listener = guardedListener({
          context: 'test',
          parse: parse as (raw: unknown) => ReturnType<typeof parseOffscreenRequest>,
          senderOk: (s) => senderIsBackground(s, ID, ORIGIN),
          foreignMessage: 'no',
          failsAs: () => 'inference-failed',
          handle: async () => {
            handled++;
            return okReply(null);
          },
        });
        await fc.assert(
          fc.asyncProperty(payload, sender, async (raw, s) => {
            const before = handled;
            await listener(raw, s);
            if (handled > before) expect(senderIsBackground(s, ID, ORIGIN)).toBe(true);
          }),
          { numRuns: RUNS },
        );
      }
    } finally {
      console.warn = warn;
    }
  });
});
