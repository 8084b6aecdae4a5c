/**
 * The one message protocol between Moodreel's contexts (popup and other extension pages, background service worker,
 * offscreen document, content scripts): every message declared once (payload schema, reply type, allowed senders)
 * and validated on receipt with `parse*`. The client, the listener and the sender checks are in messaging.ts.
 */
import * as v from 'valibot';
import type { Movie } from './catalogue/movie';
import { isFeedbackSignal, type FeedbackSignal } from './learning/signals';
import { isMoodLesson, type MoodLesson } from './learning/mood-lesson';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from './mood/emotions';
import { isMovieId, isMovieIds, isPositiveId } from './ids';
import { hasOnlyKeys, isRecord, isUnit } from './checks';
import { isImageDataUrl } from './image/data-url';
import type { VideoOnScreen } from './image/frame';
import type { createClient, Parsed } from './messaging';
import type { ErrorCode } from './problems';
import { CHECK_SOURCES, isProbabilities, parseMoodSummary, type MoodSummary } from './mood/summary';
import type { Mood } from './mood/mood';
import { BACKENDS, type Backend, type BackendChoice } from './face/backend';
import type { Strategy } from './recommend/mood-target';
import type { Tone } from './catalogue/tones';
import type { Reason } from './recommend/reasons';
import type { Face } from './mood/faces';
import type { StoreCounts, UserData } from './store/backup';
import type { StoredHistoryEntry, TmdbState } from './store/schema';
import type { GivenMark, Mark } from './store/user';
import { DETECTORS, type DetectorKind } from './face/config';
import { isRawLook } from './look/picture';

export interface AnalysisResult {
  /** The largest faces found, at most the analyzer's `maxFaces`, so a crowd photo stays quick. */
  faces: Face[];
  /** Faces the detector found: more than `faces` holds where it found more than it reads. */
  facesFound: number;
  /** Size of the image the faces' boxes refer to (after any downscaling). */
  image: { width: number; height: number };
  /**
   * Size of the picture as given (of a screenshot, its video's part), before any downscaling: the size a user is told
   * (a panorama scaled to the longer side the model reads may be only a few pixels tall, the picture is not).
   */
  picture: { width: number; height: number };
  backend: Backend;
  detector: DetectorKind;
  /** Milliseconds spent loading models for this request, or null when they were already loaded. */
  loadMs: number | null;
  /** Milliseconds from decoded image to faces. */
  inferenceMs: number;
  /**
   * The look of the scene around the faces (models/look/look.ts, raw features), or null when nothing of it is left;
   * used for the picks at once and never stored.
   */
  look: number[] | null;
  /** Milliseconds the look took (scaling the picture down included). */
  lookMs: number;
}

/** A mood check read and kept: each picture's analysis, the one mood of them all, and its History entry. */
export interface CheckedMood {
  results: AnalysisResult[];
  mood: Mood;
  /** Null when no face was found (nothing kept), or History could not be written (the mood is shown all the same). */
  historyId: number | null;
}

export interface InferenceStats {
  backend: Backend | null;
  numTensors: number;
  /** Analyses run by this offscreen document since it started. */
  analyses: number;
  /** JS heap in use, where the browser reports it. */
  heapBytes: number | null;
}

/** What the privacy page counts: each store, and whether the shipped titles are being written (their count grows). */
export type PrivacyCounts = StoreCounts & { catalogueLoading: boolean };

export interface CatalogueStatus {
  /** The imported (or importing) catalogue version, null before the first import. */
  version: string | null;
  status: 'missing' | 'importing' | 'complete';
  count: number;
  completedAt: number | null;
  /** How long the last complete import took, in ms. */
  importMs: number | null;
}

/** What the UI shows of a title from TMDB (needs the user's key): poster, overview, streaming in their region. */
export interface TmdbMovieDetails {
  tmdbId: number;
  posterUrl: string | null;
  overview: string | null;
  providers: { link: string | null; flatrate: string[] } | null;
  fetchedAt: number;
  /** Whether the UI should measure the poster's look ("match the look" is on and no look of the film is known). */
  lookWanted: boolean;
}

/** What the personal mood map has learned: how many lessons, and the tone most wanted per emotion where it is clear. */
export interface MoodMapStatus {
  lessons: number;
  learned: { emotion: Emotion; tone: Tone }[];
}

/** A pick as the UI shows it. */
export interface PickView {
  movie: Movie;
  reasons: Reason[];
  wildcard: boolean;
}

export const MAX_LOOKUP = 1000;
/** The most picks one request asks for, and one history entry keeps. */
export const MAX_PICKS = 50;
/** The most pictures one mood check reads (the popup's camera burst takes a few). */
export const MAX_CHECK_PICTURES = 5;
export const MAX_QUERY_LENGTH = 200;
/** The most marks one undo puts back (a title's marks; an import may have given it many). */
export const MAX_RESTORED = 1000;

/**
 * Each message is declared once, below: its payload as a schema (validated on receipt; the request type is inferred
 * from it), its reply type, and who may send it. Adding a message is one declaration here and one handler where it
 * is received.
 */
type Sender = 'page' | 'content';

interface Declared<S extends v.GenericSchema, R> {
  schema: S;
  /** What its failure is reported as when the error does not say (see `replyForError`), so the user hears what failed. */
  failsAs: ErrorCode;
  /** Extension pages may send every background message; content scripts only those that list 'content'. */
  senders: readonly Sender[];
  /** The reply's type (no value: it is only a type). */
  reply: R;
}

/** Declares a message: `message(schema, failsAs, senders)<Reply>()`. */
function message<S extends v.GenericSchema>(schema: S, failsAs: ErrorCode, senders: readonly Sender[] = ['page']) {
  return <R>(): Declared<S, R> => ({ schema, failsAs, senders, reply: undefined as R });
}

function bare<T extends string>(type: T) {
  return v.strictObject({ type: v.literal(type) });
}

/** A custom check as a schema, with the reason a refusal gives. */
const check = <T>(test: (x: unknown) => boolean, reason: string) => v.custom<T>(test, reason);
const movieId = check<number>(isMovieId, 'must be a non-zero integer');
const positiveId = check<number>(isPositiveId, 'must be a positive integer');
const movieIds = (max: number) => check<number[]>((x) => isMovieIds(x, max), `must be up to ${max} movie ids`);
const unit = check<number>(isUnit, 'must be 0..1');
const feedbackSignal = check<FeedbackSignal>(isFeedbackSignal, 'unknown feedback');
const intIn = (min: number, max: number) =>
  check<number>(
    (x) => Number.isInteger(x) && (x as number) >= min && (x as number) <= max,
    `must be an integer from ${min} to ${max}`,
  );
const orNull = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema), null);

const detector = v.picklist(DETECTORS, 'unknown detector');
const backend = v.picklist([...BACKENDS, 'auto'] as const satisfies readonly BackendChoice[], 'unknown backend');
const px = v.pipe(v.number('must be a number'), v.finite('must be finite'));
const sidePx = v.pipe(px, v.minValue(1, 'must be at least 1'));
const videoOnScreen = v.strictObject({
  box: v.strictObject({ x: px, y: px, width: px, height: px }),
  viewport: v.strictObject({ width: sidePx, height: sidePx }),
});
/**
 * What a page says of its main video for "This tab's video": where it is on screen (finite CSS px in a viewport that
 * is not empty); or, when it plays in picture-in-picture, whose window a screenshot of the tab does not show, its own
 * frame (a JPEG data URL; null where the page does not let it be read).
 */
const pageVideo = v.strictObject({
  video: orNull(videoOnScreen),
  pictureInPicture: v.optional(
    v.strictObject({ frame: v.nullable(check<string>(isImageDataUrl, 'frame is not an image data URL')) }),
  ),
});
export type PageVideo = v.InferOutput<typeof pageVideo>;
export const isPageVideo = (x: unknown): x is PageVideo => v.is(pageVideo, x);
const imageRequest = <T extends string>(type: T) =>
  v.strictObject({
    type: v.literal(type),
    /** A `data:image/...;base64,` URL. */
    image: check<string>(isImageDataUrl, 'image is not an image data URL'),
    detector,
    backend,
    /** A screenshot of a tab in which only the video is read: where it was on screen. The whole image when null. */
    video: orNull(videoOnScreen),
  });

/** What extension pages (and, where listed, content scripts) may ask the background. */
export const BACKGROUND_MESSAGES = {
  'analyze-image': message(imageRequest('analyze-image'), 'inference-failed', ['page', 'content'])<AnalysisResult>(),
  /**
   * A whole mood check (a camera burst, a tab, a file), read into one mood and kept in History by the background, so
   * a popup closed meanwhile loses nothing: the popup opened again finds the check there.
   */
  'check-mood': message(
    v.strictObject({
      type: v.literal('check-mood'),
      images: v.pipe(
        v.array(check<string>(isImageDataUrl, 'image is not an image data URL')),
        v.minLength(1, 'no picture to read'),
        v.maxLength(MAX_CHECK_PICTURES, `more than ${MAX_CHECK_PICTURES} pictures`),
      ),
      detector,
      video: orNull(videoOnScreen),
      source: v.picklist(CHECK_SOURCES, 'source must be the camera, a tab or a file'),
    }),
    'inference-failed',
  )<CheckedMood>(),
  /** Whether a mood check is being read: the popup opened meanwhile says it is finishing one. */
  'check-running': message(bare('check-running'), 'inference-failed')<{ running: boolean }>(),
  /**
   * The popup has opened: start the face model and load the catalogue now, so the click finds them ready. Answers
   * when the model is ready (false where this browser cannot run it); the catalogue goes on loading behind it.
   */
  'warm-up': message(v.strictObject({ type: v.literal('warm-up'), detector }), 'inference-failed')<{
    ready: boolean;
  }>(),
  /** A screenshot of the tab; from an extension page, with where the tab's main video is (from its overlay or page). */
  'capture-tab': message(bare('capture-tab'), 'capture-failed', ['page', 'content'])<{
    image: string;
    video: VideoOnScreen | null;
  }>(),
  'reset-inference': message(bare('reset-inference'), 'inference-failed')<{ closed: boolean }>(),
  'inference-stats': message(bare('inference-stats'), 'inference-failed')<InferenceStats>(),
  'catalogue-ensure': message(bare('catalogue-ensure'), 'catalogue-failed')<CatalogueStatus>(),
  /** Up to MAX_LOOKUP movies by id; unknown ids are left out of the answer. */
  'movies-get': message(
    v.strictObject({ type: v.literal('movies-get'), movieIds: movieIds(MAX_LOOKUP) }),
    'catalogue-failed',
  )<Movie[]>(),
  'movies-search': message(
    v.strictObject({
      type: v.literal('movies-search'),
      query: v.pipe(v.string(), v.maxLength(MAX_QUERY_LENGTH, 'query must be a short string')),
      limit: intIn(1, 100),
    }),
    'catalogue-failed',
  )<Movie[]>(),
  recommend: message(
    v.strictObject({
      type: v.literal('recommend'),
      probabilities: check<EmotionProbabilities>(isProbabilities, 'probabilities must give each emotion 0..1'),
      confidence: unit,
      strategy: v.picklist(['match', 'lift'] as const satisfies readonly Strategy[], 'strategy must be match or lift'),
      /** 0..1 */
      diversity: unit,
      count: intIn(1, MAX_PICKS),
      seed: check<number>(Number.isSafeInteger, 'seed must be an integer'),
      /** Titles shown before, left out ("different picks"). */
      exclude: check<number[]>(
        (x) => Array.isArray(x) && x.length <= MAX_LOOKUP && x.every((i) => Number.isSafeInteger(i)),
        'exclude must be up to 1000 ids',
      ),
      /** "More like this": picks like this title instead of for the mood. */
      like: orNull(movieId),
      /** "How long have I got": the longest runtime to pick, in minutes; null for any. */
      maxMinutes: orNull(intIn(30, 600)),
      /** The user's local hour (0–23): late in the evening a lift target calms down. Null leaves the time out. */
      hour: orNull(intIn(0, 23)),
      /** The look of the user's picture (raw features), to pick films that look like it too; null leaves it out. */
      look: orNull(check<number[]>(isRawLook, 'look must be the look features of a picture')),
    }),
    'picks-failed',
    ['page', 'content'],
  )<PickView[]>(),
  /**
   * The titles of a list left on screen, in its order, to show it again as it was; null when it cannot be (a title gone,
   * one the filters now leave out or the user turned down since): then the picks are ranked anew.
   */
  'kept-list': message(
    v.strictObject({ type: v.literal('kept-list'), movieIds: movieIds(MAX_PICKS) }),
    'picks-failed',
    ['page', 'content'],
  )<{ movies: Movie[]; signals: Record<number, FeedbackSignal> } | null>(),
  feedback: message(
    v.strictObject({
      type: v.literal('feedback'),
      movieId,
      signal: feedbackSignal,
      /** The mood check the pick was shown for (the personal mood map learns from it); null for other picks. */
      mood: orNull(check<MoodLesson>(isMoodLesson, 'mood must be an emotion and a strategy, or null')),
    }),
    'storage-failed',
    ['page', 'content'],
  )<{ saved: true; eventId: number }>(),
  'feedback-undo': message(
    v.strictObject({ type: v.literal('feedback-undo'), eventId: positiveId }),
    'storage-failed',
  )<{
    undone: boolean;
  }>(),
  /** The titles the user marked, the latest mark first (all marks, or those whose latest is `only`). */
  'marks-list': message(
    v.strictObject({
      type: v.literal('marks-list'),
      limit: intIn(1, 500),
      only: orNull(feedbackSignal),
    }),
    'storage-unreadable',
  )<{ marks: Mark[]; more: boolean }>(),
  /**
   * The user's mark on each of these titles, where there is one: a search's titles say what they were given, and the
   * overlay's cards follow marks given or taken back elsewhere.
   */
  'marks-of': message(
    v.strictObject({ type: v.literal('marks-of'), movieIds: movieIds(MAX_LOOKUP) }),
    'storage-unreadable',
    ['page', 'content'],
  )<Record<number, FeedbackSignal>>(),
  /** Takes back every mark on a title: it may be picked again, and what it taught is unlearned. */
  'mark-forget': message(v.strictObject({ type: v.literal('mark-forget'), movieId }), 'storage-failed')<{
    /** The marks taken back (none when the title had none), for an undo (`feedback-restore`). */
    forgotten: GivenMark[];
  }>(),
  /** Puts back marks a removal from the watchlist or a take-back forgot, as they were (an undo). */
  'feedback-restore': message(
    v.strictObject({
      type: v.literal('feedback-restore'),
      events: v.pipe(
        v.array(
          v.strictObject({
            id: positiveId,
            movieId,
            kind: feedbackSignal,
            at: check<number>((x) => Number.isFinite(x) && (x as number) >= 0, 'must be a time'),
            mood: v.optional(check<MoodLesson>(isMoodLesson, 'mood must be an emotion and a strategy')),
          }),
        ),
        v.minLength(1, 'no marks to put back'),
        v.maxLength(MAX_RESTORED, `more than ${MAX_RESTORED} marks`),
      ),
    }),
    'storage-failed',
  )<{ restored: true }>(),
  /** Forgets how the user wants each mood handled (the personal mood map); their other feedback stays. */
  'mood-map-reset': message(bare('mood-map-reset'), 'storage-failed')<{ reset: true }>(),
  'mood-map-status': message(bare('mood-map-status'), 'storage-unreadable')<MoodMapStatus>(),
  'history-list': message(
    v.strictObject({ type: v.literal('history-list'), limit: intIn(1, 500) }),
    'storage-unreadable',
  )<StoredHistoryEntry[]>(),
  /** Fills in a history entry after the fact: the picks once shown, or the user's correction of the mood. */
  'history-update': message(
    v.strictObject({
      type: v.literal('history-update'),
      id: positiveId,
      picks: v.nullable(movieIds(MAX_PICKS)),
      corrected: v.nullable(v.picklist(EMOTIONS, 'corrected must be an emotion or null')),
    }),
    'storage-failed',
  )<{ updated: boolean }>(),
  /** Forgets one past check; `forgotten` is false when it was already gone. */
  'history-forget': message(v.strictObject({ type: v.literal('history-forget'), id: positiveId }), 'storage-failed')<{
    forgotten: boolean;
  }>(),
  'watchlist-list': message(bare('watchlist-list'), 'storage-unreadable')<{ movie: Movie; at: number }[]>(),
  /**
   * Takes the title's 🔖 marks back: `removed` are those marks (for an undo, `feedback-restore`), `mark` the one left
   * on the title (an earlier 👍, say), if any.
   */
  'watchlist-remove': message(v.strictObject({ type: v.literal('watchlist-remove'), movieId }), 'storage-failed')<{
    removed: GivenMark[];
    mark: FeedbackSignal | null;
  }>(),
  'privacy-counts': message(bare('privacy-counts'), 'storage-unreadable')<PrivacyCounts>(),
  'privacy-export': message(bare('privacy-export'), 'storage-unreadable')<UserData>(),
  /** `data` is checked field by field by the store (`parseUserData`) before anything is written. */
  'privacy-import': message(
    v.strictObject({
      type: v.literal('privacy-import'),
      data: check<Record<string, unknown>>(isRecord, 'data must be an export object'),
    }),
    'storage-failed',
  )<PrivacyCounts>(),
  'privacy-delete': message(bare('privacy-delete'), 'delete-failed')<PrivacyCounts>(),
  'tmdb-refresh': message(bare('tmdb-refresh'), 'tmdb-failed')<TmdbState>(),
  'tmdb-status': message(bare('tmdb-status'), 'tmdb-failed')<TmdbState | null>(),
  /** Asked by the overlay too: where its cards' titles stream (public facts from TMDB, none of the user's). */
  'tmdb-details': message(v.strictObject({ type: v.literal('tmdb-details'), tmdbId: positiveId }), 'tmdb-failed', [
    'page',
    'content',
  ])<TmdbMovieDetails>(),
  /** The look of a TMDB poster the popup showed, for films the shipped looks lack. */
  'poster-look': message(
    v.strictObject({
      type: v.literal('poster-look'),
      tmdbId: positiveId,
      look: check<number[]>(isRawLook, 'look must be the look features of a picture'),
    }),
    'storage-failed',
  )<{ saved: boolean }>(),
  'mood-record': message(
    v.strictObject({
      type: v.literal('mood-record'),
      mood: check<MoodSummary>(
        (x) => parseMoodSummary(x) !== null,
        'mood must be probabilities, confidence, face count and source',
      ),
      /** The picks shown for it (may be empty when they come later). */
      picks: movieIds(MAX_PICKS),
    }),
    'storage-failed',
    ['page', 'content'],
  )<{ id: number }>(),
  'mood-latest': message(bare('mood-latest'), 'storage-unreadable', ['page', 'content'])<
    (MoodSummary & { at: number }) | null
  >(),
} as const;

/** Chromium's longest URL (url::kMaxURLChars): a longer media address reaches a context menu as none at all. */
export const MAX_URL_LENGTH = 2 * 1024 * 1024;

/** What of the overlay's may change elsewhere. */
const OVERLAY_CHANGES = ['mood', 'marks'] as const;
export type OverlayChange = (typeof OVERLAY_CHANGES)[number];

/** What the background asks the overlay in a tab. */
export const OVERLAY_MESSAGES = {
  /** Read the frame of the video (or image) the user right-clicked. */
  'overlay:read-frame': message(
    v.strictObject({
      type: v.literal('overlay:read-frame'),
      /**
       * The media's URL as the context menu saw it; null when unknown (the overlay then takes the main video). A picture
       * written into the page (a data: URL) comes whole, up to the longest URL the browser passes on.
       */
      srcUrl: v.nullable(
        v.pipe(v.string('srcUrl must be a URL or null'), v.maxLength(MAX_URL_LENGTH, 'srcUrl must be a URL or null')),
      ),
      mediaType: v.picklist(['video', 'image'] as const, 'mediaType must be video or image'),
      /**
       * Clicked inside a frame of the page (the browser's id for it, and its address where the browser gives it):
       * the page reads that frame as it is on screen. Null when clicked in the page itself.
       */
      inFrame: v.nullable(
        v.strictObject({
          frameId: v.pipe(v.number(), v.integer(), v.minValue(1, 'frameId must be a frame inside the page')),
          url: v.nullable(
            v.pipe(v.string('url must be a URL or null'), v.maxLength(8192, 'url must be a URL or null')),
          ),
        }),
      ),
    }),
    'inference-failed',
  )<{ started: true }>(),
  'overlay:ping': message(bare('overlay:ping'), 'inference-failed')<{ alive: true }>(),
  /**
   * Something the overlay shows changed elsewhere: the latest mood check (a new check, a correction, a check forgotten)
   * or the user's marks (feedback, undo, a mark taken back); both with the data deleted or imported. The overlay reads
   * it again, so a panel left open follows what is done in the popup over it.
   */
  'overlay:changed': message(
    v.strictObject({
      type: v.literal('overlay:changed'),
      what: v.picklist(OVERLAY_CHANGES, 'what must be mood or marks'),
    }),
    'storage-unreadable',
  )<{ followed: true }>(),
  /**
   * Out of the way while the popup captures this tab (`aside`), or back. Answered once the page is painted without it,
   * with what it knows of the page's main video (the popup reads that part of the shot, or its own frame); back by
   * itself after a moment, should the word to come back never arrive.
   */
  'overlay:aside': message(
    v.strictObject({ type: v.literal('overlay:aside'), aside: v.boolean('aside must be true or false') }),
    'capture-failed',
  )<{ aside: boolean } & PageVideo>(),
} as const;

/** What the background may ask the offscreen document. */
export const OFFSCREEN_MESSAGES = {
  'offscreen:analyze': message(imageRequest('offscreen:analyze'), 'inference-failed')<AnalysisResult>(),
  'offscreen:stats': message(bare('offscreen:stats'), 'inference-failed')<InferenceStats>(),
  /** Start the backend and load the models for this detector, without an image. */
  'offscreen:warm-up': message(
    v.strictObject({ type: v.literal('offscreen:warm-up'), detector, backend }),
    'inference-failed',
  )<{
    backend: Backend;
  }>(),
} as const;

type ApiOf<M extends Record<string, Declared<v.GenericSchema, unknown>>> = {
  [K in keyof M]: { request: v.InferOutput<M[K]['schema']>; response: M[K]['reply'] };
};
export type BackgroundApi = ApiOf<typeof BACKGROUND_MESSAGES>;
export type OverlayApi = ApiOf<typeof OVERLAY_MESSAGES>;
export type OffscreenApi = ApiOf<typeof OFFSCREEN_MESSAGES>;
export type BackgroundRequest = BackgroundApi[keyof BackgroundApi]['request'];
export type OverlayRequest = OverlayApi[keyof OverlayApi]['request'];
export type OffscreenRequest = OffscreenApi[keyof OffscreenApi]['request'];
export type RecommendRequest = BackgroundApi['recommend']['request'];
export type FeedbackRequest = BackgroundApi['feedback']['request'];
export type OverlayReadFrameRequest = OverlayApi['overlay:read-frame']['request'];
export type OffscreenAnalyzeRequest = OffscreenApi['offscreen:analyze']['request'];

/** What a content script (the overlay) may ask the background: less than extension pages may. */
export const CONTENT_SCRIPT_REQUESTS = (Object.keys(BACKGROUND_MESSAGES) as (keyof BackgroundApi)[]).filter((type) =>
  BACKGROUND_MESSAGES[type].senders.includes('content'),
);

/** The offscreen document tells the background it is listening. */
export interface OffscreenReadyNotice {
  type: 'offscreen:ready';
}

/** Validates a message against the declarations; null when its type is not one of them (not ours to answer). */
function parseWith<M extends Record<string, Declared<v.GenericSchema, unknown>>>(
  messages: M,
  raw: unknown,
): Parsed<ApiOf<M>[keyof M]['request']> | null {
  if (!isRecord(raw) || typeof raw.type !== 'string' || !Object.hasOwn(messages, raw.type)) return null;
  const result = v.safeParse(messages[raw.type]!.schema, raw);
  if (result.success) return { ok: true, value: result.output as ApiOf<M>[keyof M]['request'] };
  const issue = result.issues[0];
  const field = issue.path?.map((p) => String(p.key)).join('.');
  return { ok: false, reason: field ? `${field}: ${issue.message}` : issue.message };
}

/** Validates a message sent to the background. Unknown types are not ours: the caller should ignore them. */
export function parseBackgroundRequest(raw: unknown): Parsed<BackgroundRequest> | null {
  return parseWith(BACKGROUND_MESSAGES, raw);
}

/** Validates a message sent to the overlay content script; null when it is not addressed to it. */
export function parseOverlayRequest(raw: unknown): Parsed<OverlayRequest> | null {
  return parseWith(OVERLAY_MESSAGES, raw);
}

/** Validates a message sent to the offscreen document; null when the message is not addressed to it. */
export function parseOffscreenRequest(raw: unknown): Parsed<OffscreenRequest> | null {
  return parseWith(OFFSCREEN_MESSAGES, raw);
}

export function isOffscreenReadyNotice(raw: unknown): raw is OffscreenReadyNotice {
  return isRecord(raw) && raw.type === 'offscreen:ready' && hasOnlyKeys(raw, ['type']);
}

/** A typed client of the background, as every extension page and content script holds one. */
export type BackgroundClient = ReturnType<typeof createClient<BackgroundApi>>;
