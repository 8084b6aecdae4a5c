import { describe, expect, it } from 'vitest';
import { LOOK_SIZE } from '../../models/look/look';
import { readFileSync } from 'node:fs';
import {
  BACKGROUND_MESSAGES,
  isPageVideo,
  MAX_URL_LENGTH,
  OFFSCREEN_MESSAGES,
  OVERLAY_MESSAGES,
  parseBackgroundRequest,
  parseOffscreenRequest,
  parseOverlayRequest,
  type BackgroundApi,
} from '../../models/protocol';
import { problemText } from '../../models/problems';
import {
  createClient,
  guardedListener,
  ProtocolError,
  replyForError,
  senderIsBackground,
  senderIsContentScript,
  senderIsExtensionPage,
} from '../../models/messaging';

const IMAGE = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';
const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const ANALYZE = { type: 'analyze-image', image: IMAGE, detector: 'tiny', backend: 'auto' };

describe('parseBackgroundRequest', () => {
  it('accepts a well-formed analysis request', () => {
    const parsed = parseBackgroundRequest({ type: 'analyze-image', image: IMAGE, detector: 'tiny', backend: 'auto' });
    expect(parsed).toEqual({
      ok: true,
      value: { type: 'analyze-image', image: IMAGE, detector: 'tiny', backend: 'auto', video: null },
    });
  });

  it('accepts a screenshot with where its video is, for only that part to be read', () => {
    const video = { box: { x: -20, y: 40.5, width: 640, height: 360 }, viewport: { width: 1280, height: 720 } };
    const raw = { type: 'analyze-image', image: IMAGE, detector: 'tiny', backend: 'auto', video };
    expect(parseBackgroundRequest(raw)).toEqual({ ok: true, value: raw });
  });

  it.each([
    [
      'a non-image data URL',
      { type: 'analyze-image', image: 'data:text/html;base64,PGI+', detector: 'tiny', backend: 'auto' },
    ],
    ['a remote URL', { type: 'analyze-image', image: 'https://example.com/a.jpg', detector: 'tiny', backend: 'auto' }],
    ['an unknown detector', { type: 'analyze-image', image: IMAGE, detector: 'yolo', backend: 'auto' }],
    ['an unknown backend', { type: 'analyze-image', image: IMAGE, detector: 'ssd', backend: 'webgpu' }],
    ['extra fields', { type: 'analyze-image', image: IMAGE, detector: 'ssd', backend: 'auto', evil: 1 }],
    ['a missing image', { type: 'analyze-image', detector: 'ssd', backend: 'auto' }],
    [
      'a video place that is not finite',
      { ...ANALYZE, video: { box: { x: 0, y: 0, width: Infinity, height: 9 }, viewport: { width: 9, height: 9 } } },
    ],
    [
      'an empty viewport',
      { ...ANALYZE, video: { box: { x: 0, y: 0, width: 9, height: 9 }, viewport: { width: 0, height: 9 } } },
    ],
    [
      'extra fields on a video place',
      { ...ANALYZE, video: { box: { x: 0, y: 0, width: 9, height: 9, z: 1 }, viewport: { width: 9, height: 9 } } },
    ],
    ['a video place as text', { ...ANALYZE, video: 'player' }],
    ['extra fields on a bare request', { type: 'capture-tab', url: 'x' }],
  ])('rejects %s with a reason', (_, raw) => {
    const parsed = parseBackgroundRequest(raw);
    expect(parsed?.ok).toBe(false);
    expect(parsed && !parsed.ok && parsed.reason.length).toBeGreaterThan(0);
  });

  const recommend = {
    type: 'recommend',
    probabilities: { neutral: 0, happy: 0, sad: 1, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
    confidence: 0.8,
    strategy: 'lift',
    diversity: 0.5,
    count: 10,
    seed: 1,
    exclude: [],
    like: null,
    maxMinutes: 100,
    hour: 23,
  };

  it('takes the moment with picks: minutes within 30–600 and an hour of the day, or null for either', () => {
    expect(parseBackgroundRequest(recommend)).toEqual({ ok: true, value: { ...recommend, look: null } });
    expect(parseBackgroundRequest({ ...recommend, maxMinutes: null, hour: null })?.ok).toBe(true);
    for (const bad of [{ maxMinutes: 5 }, { maxMinutes: 99.5 }, { hour: 24 }, { hour: -1 }, { hour: '23' }])
      expect(parseBackgroundRequest({ ...recommend, ...bad })?.ok).toBe(false);
  });

  it("takes a picture's look with picks: exactly the look's finite numbers, or null", () => {
    const look = Array.from({ length: LOOK_SIZE }, (_, k) => k / 2);
    expect(parseBackgroundRequest({ ...recommend, look })).toEqual({ ok: true, value: { ...recommend, look } });
    for (const bad of [look.slice(1), [...look.slice(1), Number.NaN], look.map(String), 'dark'])
      expect(parseBackgroundRequest({ ...recommend, look: bad })?.ok).toBe(false);
  });

  it('takes feedback with the mood it was given in, or none', () => {
    const feedback = { type: 'feedback', movieId: 1, signal: 'up', mood: { emotion: 'sad', strategy: 'lift' } };
    expect(parseBackgroundRequest(feedback)).toEqual({ ok: true, value: feedback });
    expect(parseBackgroundRequest({ ...feedback, mood: null })?.ok).toBe(true);
    for (const mood of [{ emotion: 'bored', strategy: 'lift' }, { emotion: 'sad' }, 'sad'])
      expect(parseBackgroundRequest({ ...feedback, mood })?.ok).toBe(false);
    expect(parseBackgroundRequest({ type: 'mood-map-reset' })).toEqual({ ok: true, value: { type: 'mood-map-reset' } });
  });

  it('puts back only stored marks as they were (an undo), from extension pages alone', () => {
    const mark = {
      id: 3,
      movieId: 318,
      kind: 'watchlist',
      at: 1_700_000_000_000,
      mood: { emotion: 'sad', strategy: 'lift' },
    };
    const restore = { type: 'feedback-restore', events: [mark, { ...mark, id: 4, kind: 'up', mood: undefined }] };
    expect(parseBackgroundRequest(restore)?.ok).toBe(true);
    for (const events of [
      [],
      [{ ...mark, id: undefined }],
      [{ ...mark, kind: 'mood-correction' }],
      [{ ...mark, at: -1 }],
      [{ ...mark, extra: 1 }],
      Array.from({ length: 1001 }, (_, i) => ({ ...mark, id: i + 1 })),
    ])
      expect(parseBackgroundRequest({ type: 'feedback-restore', events })?.ok).toBe(false);
    expect(BACKGROUND_MESSAGES['feedback-restore'].senders).toEqual(['page']);
  });

  it('reads a whole mood check of one to a few pictures from the popup, never from a page', () => {
    const image = 'data:image/jpeg;base64,/9j/4AAQ';
    const check = {
      type: 'check-mood',
      images: [image, image, image],
      detector: 'tiny',
      video: null,
      source: 'camera',
    };
    expect(parseBackgroundRequest(check)?.ok).toBe(true);
    for (const bad of [
      { images: [] },
      { images: Array.from({ length: 6 }, () => image) },
      { images: ['javascript:alert(1)'] },
      { source: 'video' },
      { detector: 'huge' },
      { extra: 1 },
    ])
      expect(parseBackgroundRequest({ ...check, ...bad })?.ok).toBe(false);
    expect(BACKGROUND_MESSAGES['check-mood'].senders).toEqual(['page']);
  });

  it('leaves messages that are not ours alone', () => {
    for (const raw of [null, 42, 'analyze-image', [], {}, { type: 7 }, { type: 'offscreen:analyze' }]) {
      expect(parseBackgroundRequest(raw)).toBeNull();
    }
  });

  it('keeps offscreen requests and background requests apart', () => {
    expect(
      parseOffscreenRequest({ type: 'analyze-image', image: IMAGE, detector: 'tiny', backend: 'auto' }),
    ).toBeNull();
    expect(parseOffscreenRequest({ type: 'offscreen:stats' })).toEqual({
      ok: true,
      value: { type: 'offscreen:stats' },
    });
  });
});

describe('what a page says of its video (isPageVideo)', () => {
  const place = { box: { x: 0, y: 40, width: 640, height: 360 }, viewport: { width: 1280, height: 720 } };
  it('takes where it is, or its own frame (or none) when it plays in picture-in-picture', () => {
    expect(isPageVideo({ video: place })).toBe(true);
    expect(isPageVideo({ video: null })).toBe(true);
    expect(isPageVideo({ video: null, pictureInPicture: { frame: IMAGE } })).toBe(true);
    expect(isPageVideo({ video: null, pictureInPicture: { frame: null } })).toBe(true);
  });
  it('refuses a frame that is no image data URL, and fields it does not know', () => {
    expect(isPageVideo({ video: null, pictureInPicture: { frame: 'https://example.com/a.jpg' } })).toBe(false);
    expect(isPageVideo({ video: null, pictureInPicture: {} })).toBe(false);
    expect(isPageVideo({ video: place, aside: true })).toBe(false);
    expect(isPageVideo(place)).toBe(false);
  });
});

describe('the right-click read (overlay:read-frame)', () => {
  const read = { type: 'overlay:read-frame', srcUrl: 'https://v.example/a.mp4', mediaType: 'video' };
  it('says whether it was clicked in the page or in a frame inside it, by id and address', () => {
    expect(parseOverlayRequest({ ...read, inFrame: null })?.ok).toBe(true);
    expect(parseOverlayRequest({ ...read, inFrame: { frameId: 12, url: 'https://player.example/v/1' } })?.ok).toBe(
      true,
    );
    expect(parseOverlayRequest({ ...read, inFrame: { frameId: 12, url: null } })?.ok).toBe(true);
  });
  it('refuses the page itself as a frame, a frame without an id, and a read that does not say where', () => {
    expect(parseOverlayRequest({ ...read, inFrame: { frameId: 0, url: null } })?.ok).toBe(false);
    expect(parseOverlayRequest({ ...read, inFrame: { url: 'https://player.example/v/1' } })?.ok).toBe(false);
    expect(parseOverlayRequest({ ...read, inFrame: { frameId: 1.5, url: null } })?.ok).toBe(false);
    expect(parseOverlayRequest(read)?.ok).toBe(false);
  });
  it('takes a picture written into the page whole (a data: URL), up to the longest URL Chromium passes on', () => {
    const picture = (length: number) => `data:image/png;base64,${'A'.repeat(length - 22)}`;
    expect(parseOverlayRequest({ ...read, srcUrl: picture(200_000), inFrame: null })?.ok).toBe(true);
    expect(parseOverlayRequest({ ...read, srcUrl: picture(MAX_URL_LENGTH), inFrame: null })?.ok).toBe(true);
    expect(parseOverlayRequest({ ...read, srcUrl: picture(MAX_URL_LENGTH + 1), inFrame: null })?.ok).toBe(false);
  });
});

describe('sender checks', () => {
  it('accepts our pages and rejects other extensions and websites', () => {
    expect(senderIsExtensionPage({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(true);
    expect(senderIsExtensionPage({ id: 'other', url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(false);
    expect(senderIsExtensionPage({ id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBe(false);
    expect(senderIsExtensionPage({ id: ID }, ID, ORIGIN)).toBe(false);
  });

  it('knows the background by its script URL and lack of a tab', () => {
    expect(senderIsBackground({ id: ID, url: `${ORIGIN}background.js` }, ID, ORIGIN)).toBe(true);
    expect(senderIsBackground({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(false);
    expect(senderIsBackground({ id: ID, url: `${ORIGIN}background.js`, tab: { id: 1 } }, ID, ORIGIN)).toBe(false);
    // Firefox runs the background script in a page it generates.
    expect(senderIsBackground({ id: ID, url: `${ORIGIN}_generated_background_page.html` }, ID, ORIGIN)).toBe(true);
    expect(senderIsBackground({ id: ID, url: `${ORIGIN}offscreen.html` }, ID, ORIGIN)).toBe(false);
  });

  it('knows our content scripts in a tab’s web page or local file, not our own pages in a tab', () => {
    const tab = { id: 3 };
    expect(senderIsContentScript({ id: ID, url: 'https://www.netflix.com/watch/1', tab }, ID)).toBe(true);
    expect(senderIsContentScript({ id: ID, url: 'file:///home/me/Films/holiday.webm', tab }, ID)).toBe(true);
    expect(senderIsContentScript({ id: ID, url: 'file:///home/me/Films/holiday.webm' }, ID)).toBe(false);
    expect(senderIsContentScript({ id: 'other', url: 'https://www.netflix.com/', tab }, ID)).toBe(false);
    expect(senderIsContentScript({ id: ID, url: `${ORIGIN}popup.html`, tab }, ID)).toBe(false);
    expect(senderIsContentScript({ id: ID, url: 'chrome://extensions/', tab }, ID)).toBe(false);
  });
});

describe('createClient', () => {
  it('unwraps replies and turns error replies into ProtocolError', async () => {
    const ok = createClient<BackgroundApi>(async () => ({ ok: true, value: { closed: true } }));
    await expect(ok({ type: 'reset-inference' })).resolves.toEqual({ closed: true });
    const failing = createClient<BackgroundApi>(async () => ({
      ok: false,
      error: { code: 'capture-failed', message: 'nope' },
    }));
    await expect(failing({ type: 'capture-tab' })).rejects.toMatchObject({ code: 'capture-failed' });
    const silent = createClient<BackgroundApi>(async () => undefined);
    await expect(silent({ type: 'capture-tab' })).rejects.toBeInstanceOf(ProtocolError);
  });
});

describe('replyForError', () => {
  it('keeps protocol errors, names refused writes and a newer database, and reports the rest as the message’s own', () => {
    expect(replyForError(new ProtocolError('bad-image', 'x'), 'picks-failed')).toEqual({
      ok: false,
      error: { code: 'bad-image', message: 'x' },
    });
    expect(replyForError(new DOMException('Quota exceeded', 'QuotaExceededError'), 'picks-failed')).toMatchObject({
      error: { code: 'storage-failed' },
    });
    expect(
      replyForError(new DOMException('The requested version is less', 'VersionError'), 'picks-failed'),
    ).toMatchObject({ error: { code: 'storage-newer' } });
    expect(replyForError(new Error('boom'), 'picks-failed')).toMatchObject({
      error: { code: 'picks-failed', message: 'boom' },
    });
    expect(replyForError('odd', 'tmdb-failed')).toMatchObject({ error: { code: 'tmdb-failed', message: 'odd' } });
  });
});

describe('failures as declared', () => {
  const listener = (handle: () => Promise<never>) =>
    guardedListener({
      context: 'test',
      parse: parseBackgroundRequest,
      senderOk: () => true,
      foreignMessage: 'no',
      handle,
      failsAs: (request) => BACKGROUND_MESSAGES[request.type].failsAs,
    });
  const page = { id: ID, url: `${ORIGIN}popup.html` };

  it('reply with the failing message’s own problem, never the analysis’s, and never reject', async () => {
    const broken = listener(async () => {
      throw new Error('The database connection is closing.');
    });
    const code = async (raw: unknown) => ((await broken(raw, page)) as { error: { code: string } }).error.code;
    expect(await code({ type: 'mood-map-reset' })).toBe('storage-failed');
    expect(await code({ type: 'mood-map-status' })).toBe('storage-unreadable');
    expect(await code({ type: 'history-list', limit: 5 })).toBe('storage-unreadable');
    expect(await code({ type: 'tmdb-refresh' })).toBe('tmdb-failed');
    expect(await code({ type: 'catalogue-ensure' })).toBe('catalogue-failed');
    expect(await code({ type: 'analyze-image', image: IMAGE, detector: 'tiny', backend: 'auto' })).toBe(
      'inference-failed',
    );
    // A handler that throws before it returns a promise is answered too.
    const throwing = listener((() => {
      throw new Error('sync');
    }) as () => Promise<never>);
    await expect(throwing({ type: 'tmdb-status' }, page)).resolves.toMatchObject({ error: { code: 'tmdb-failed' } });
  });

  it('give every declared failure a title and a body in the messages', () => {
    const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, unknown>;
    for (const declared of [BACKGROUND_MESSAGES, OFFSCREEN_MESSAGES, OVERLAY_MESSAGES])
      for (const [type, { failsAs }] of Object.entries(declared)) {
        const text = problemText(failsAs);
        expect(messages[text.title], type).toBeDefined();
        expect(messages[text.body], type).toBeDefined();
      }
  });
});
