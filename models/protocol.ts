/**
 * The one message protocol between Moodreel's contexts (popup and other extension pages, background service worker,
 * offscreen document, content scripts). Every payload is typed here and validated on receipt with `parse*`;
 * senders are checked with `senderIs*`. Browser-free: the transport is passed in by the edges.
 */
import type { Movie } from './catalogue/movie';
import { isFeedbackSignal, type FeedbackSignal } from './learning/signals';
import { isMoodLesson, type MoodLesson } from './learning/mood-lesson';
import { EMOTIONS, type Emotion, type EmotionProbabilities } from './mood/emotions';
import { isMovieId, isMovieIds, isPositiveId } from './ids';
import { hasOnlyKeys, isRecord, isUnit } from './checks';
import { isProbabilities, parseMoodSummary, type MoodSummary } from './mood/summary';
import { BACKENDS, type Backend, type BackendChoice } from './face/backend';
import type { Strategy } from './recommend/mood-target';
import type { Tone } from './catalogue/tones';
import type { Reason } from './recommend/reasons';
import type { Face } from './mood/faces';
import type { StoreCounts, UserData } from './store/backup';
import type { HistoryEntry, TmdbState } from './store/schema';
import { DETECTORS, type DetectorKind } from './face/config';

/** The largest image we accept as a data URL (about 30 MB of base64, a 40-megapixel JPEG fits). */
export const MAX_IMAGE_DATA_URL_LENGTH = 40_000_000;

export interface AnalysisResult {
  faces: Face[];
  /** Size of the image the faces' boxes refer to (after any downscaling). */
  image: { width: number; height: number };
  backend: Backend;
  detector: DetectorKind;
  /** Milliseconds spent loading models for this request, or null when they were already loaded. */
  loadMs: number | null;
  /** Milliseconds from decoded image to faces. */
  inferenceMs: number;
}

export interface InferenceStats {
  backend: Backend | null;
  numTensors: number;
  /** Analyses run by this offscreen document since it started. */
  analyses: number;
  /** JS heap in use, where the browser reports it. */
  heapBytes: number | null;
}

export interface CatalogueStatus {
  /** The imported (or importing) catalogue version, null before the first import. */
  version: string | null;
  status: 'missing' | 'importing' | 'complete';
  count: number;
  completedAt: number | null;
  /** How long the last complete import took, in ms. */
  importMs: number | null;
}

export type ErrorCode =
  | 'invalid-message'
  | 'foreign-sender'
  | 'bad-image'
  | 'capture-failed'
  | 'inference-failed'
  | 'catalogue-failed'
  | 'tmdb-failed'
  | 'storage-failed'
  | 'unsupported';

export interface ProtocolErrorBody {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolErrorBody };

export interface AnalyzeImageRequest {
  type: 'analyze-image';
  /** A `data:image/...;base64,` URL. */
  image: string;
  detector: DetectorKind;
  backend: BackendChoice;
}
export interface CaptureTabRequest {
  type: 'capture-tab';
}
export interface ResetInferenceRequest {
  type: 'reset-inference';
}
export interface InferenceStatsRequest {
  type: 'inference-stats';
}
export interface CatalogueEnsureRequest {
  type: 'catalogue-ensure';
}
/** Up to MAX_LOOKUP movies by id; unknown ids are left out of the answer. */
export interface MoviesGetRequest {
  type: 'movies-get';
  movieIds: number[];
}
export interface MoviesSearchRequest {
  type: 'movies-search';
  query: string;
  limit: number;
}

export interface TmdbRefreshRequest {
  type: 'tmdb-refresh';
}
export interface TmdbStatusRequest {
  type: 'tmdb-status';
}
export interface TmdbDetailsRequest {
  type: 'tmdb-details';
  tmdbId: number;
}

/** What the UI shows of a title from TMDB (needs the user's key): poster, overview, streaming in their region. */
export interface TmdbMovieDetails {
  tmdbId: number;
  posterUrl: string | null;
  overview: string | null;
  providers: { link: string | null; flatrate: string[] } | null;
  fetchedAt: number;
}

export interface RecommendRequest {
  type: 'recommend';
  probabilities: EmotionProbabilities;
  confidence: number;
  strategy: Strategy;
  /** 0..1 */
  diversity: number;
  count: number;
  seed: number;
  /** Titles shown before, left out ("different picks"). */
  exclude: number[];
  /** "More like this": picks like this title instead of for the mood. */
  like: number | null;
  /** "How long have I got": the longest runtime to pick, in minutes; null for any. */
  maxMinutes: number | null;
  /** The user's local hour (0–23): late in the evening a lift target calms down. Null leaves the time out. */
  hour: number | null;
}

export interface MoodRecordRequest {
  type: 'mood-record';
  mood: MoodSummary;
  /** The picks shown for it (may be empty when they come later). */
  picks: number[];
}
export interface MoodLatestRequest {
  type: 'mood-latest';
}
/** Fills in a history entry after the fact: the picks once shown, or the user's correction of the mood. */
export interface HistoryUpdateRequest {
  type: 'history-update';
  id: number;
  picks: number[] | null;
  corrected: Emotion | null;
}
export interface HistoryListRequest {
  type: 'history-list';
  limit: number;
}
export interface WatchlistListRequest {
  type: 'watchlist-list';
}
export interface WatchlistRemoveRequest {
  type: 'watchlist-remove';
  movieId: number;
}
export interface FeedbackUndoRequest {
  type: 'feedback-undo';
  eventId: number;
}
export interface PrivacyCountsRequest {
  type: 'privacy-counts';
}
export interface PrivacyExportRequest {
  type: 'privacy-export';
}
/** `data` is checked field by field by the store (`parseUserData`) before anything is written. */
export interface PrivacyImportRequest {
  type: 'privacy-import';
  data: unknown;
}
export interface PrivacyDeleteRequest {
  type: 'privacy-delete';
}
export interface FeedbackRequest {
  type: 'feedback';
  movieId: number;
  signal: FeedbackSignal;
  /** The mood check the pick was shown for (the personal mood map learns from it); null for other picks. */
  mood: MoodLesson | null;
}
/** Forgets how the user wants each mood handled (the personal mood map); their other feedback stays. */
export interface MoodMapResetRequest {
  type: 'mood-map-reset';
}
export interface MoodMapStatusRequest {
  type: 'mood-map-status';
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
export const MAX_QUERY_LENGTH = 200;

/** What extension pages may ask the background. */
export interface BackgroundApi {
  'analyze-image': { request: AnalyzeImageRequest; response: AnalysisResult };
  'capture-tab': { request: CaptureTabRequest; response: { image: string } };
  'reset-inference': { request: ResetInferenceRequest; response: { closed: boolean } };
  'inference-stats': { request: InferenceStatsRequest; response: InferenceStats };
  'catalogue-ensure': { request: CatalogueEnsureRequest; response: CatalogueStatus };
  'movies-get': { request: MoviesGetRequest; response: Movie[] };
  'movies-search': { request: MoviesSearchRequest; response: Movie[] };
  recommend: { request: RecommendRequest; response: PickView[] };
  feedback: { request: FeedbackRequest; response: { saved: true; eventId: number } };
  'feedback-undo': { request: FeedbackUndoRequest; response: { undone: boolean } };
  'mood-map-reset': { request: MoodMapResetRequest; response: { reset: true } };
  'mood-map-status': { request: MoodMapStatusRequest; response: MoodMapStatus };
  'history-list': { request: HistoryListRequest; response: HistoryEntry[] };
  'history-update': { request: HistoryUpdateRequest; response: { updated: boolean } };
  'watchlist-list': { request: WatchlistListRequest; response: { movie: Movie; at: number }[] };
  'watchlist-remove': { request: WatchlistRemoveRequest; response: { removed: true } };
  'privacy-counts': { request: PrivacyCountsRequest; response: StoreCounts };
  'privacy-export': { request: PrivacyExportRequest; response: UserData };
  'privacy-import': { request: PrivacyImportRequest; response: StoreCounts };
  'privacy-delete': { request: PrivacyDeleteRequest; response: StoreCounts };
  'tmdb-refresh': { request: TmdbRefreshRequest; response: TmdbState };
  'tmdb-status': { request: TmdbStatusRequest; response: TmdbState | null };
  'tmdb-details': { request: TmdbDetailsRequest; response: TmdbMovieDetails };
  'mood-record': { request: MoodRecordRequest; response: { id: number } };
  'mood-latest': { request: MoodLatestRequest; response: (MoodSummary & { at: number }) | null };
}

/** What a content script (the overlay) may ask the background: less than extension pages may. */
export const CONTENT_SCRIPT_REQUESTS: readonly (keyof BackgroundApi)[] = [
  'analyze-image',
  'capture-tab',
  'recommend',
  'feedback',
  'mood-record',
  'mood-latest',
];

/** The background asks the overlay in a tab to read the frame of the video (or image) the user right-clicked. */
export interface OverlayReadFrameRequest {
  type: 'overlay:read-frame';
  /** The media's URL as the context menu saw it; null when unknown (the overlay then takes the main video). */
  srcUrl: string | null;
  mediaType: 'video' | 'image';
}
export interface OverlayPingRequest {
  type: 'overlay:ping';
}
export interface OverlayApi {
  'overlay:read-frame': { request: OverlayReadFrameRequest; response: { started: true } };
  'overlay:ping': { request: OverlayPingRequest; response: { alive: true } };
}
export type OverlayRequest = OverlayApi[keyof OverlayApi]['request'];

export interface OffscreenAnalyzeRequest {
  type: 'offscreen:analyze';
  image: string;
  detector: DetectorKind;
  backend: BackendChoice;
}
export interface OffscreenStatsRequest {
  type: 'offscreen:stats';
}

/** What the background may ask the offscreen document. */
export interface OffscreenApi {
  'offscreen:analyze': { request: OffscreenAnalyzeRequest; response: AnalysisResult };
  'offscreen:stats': { request: OffscreenStatsRequest; response: InferenceStats };
}

/** The offscreen document tells the background it is listening. */
export interface OffscreenReadyNotice {
  type: 'offscreen:ready';
}

export type BackgroundRequest = BackgroundApi[keyof BackgroundApi]['request'];
export type OffscreenRequest = OffscreenApi[keyof OffscreenApi]['request'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

type Rec = Record<string, unknown>;

const IMAGE_DATA_URL = /^data:image\/(jpeg|png|webp|gif|bmp);base64,[A-Za-z0-9+/]+=*$/;

export function isImageDataUrl(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_IMAGE_DATA_URL_LENGTH && IMAGE_DATA_URL.test(v);
}

function isBackendChoice(v: unknown): v is BackendChoice {
  return v === 'auto' || (BACKENDS as readonly unknown[]).includes(v);
}

function isDetector(v: unknown): v is DetectorKind {
  return (DETECTORS as readonly unknown[]).includes(v);
}

function parseImageRequest<T extends 'analyze-image' | 'offscreen:analyze'>(
  raw: Rec,
  type: T,
): Parsed<{ type: T; image: string; detector: DetectorKind; backend: BackendChoice }> {
  if (!hasOnlyKeys(raw, ['type', 'image', 'detector', 'backend'])) return fail('unexpected fields');
  if (!isImageDataUrl(raw.image)) return fail('image is not an image data URL');
  if (!isDetector(raw.detector)) return fail('unknown detector');
  if (!isBackendChoice(raw.backend)) return fail('unknown backend');
  return { ok: true, value: { type, image: raw.image, detector: raw.detector, backend: raw.backend } };
}

function parseBare<T extends string>(raw: Rec, type: T): Parsed<{ type: T }> {
  return hasOnlyKeys(raw, ['type']) ? { ok: true, value: { type } } : fail('unexpected fields');
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Validates a message sent to the background. Unknown types are not ours: the caller should ignore them. */
export function parseBackgroundRequest(raw: unknown): Parsed<BackgroundRequest> | null {
  if (!isRecord(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'analyze-image':
      return parseImageRequest(raw, 'analyze-image');
    case 'capture-tab':
    case 'reset-inference':
    case 'inference-stats':
    case 'catalogue-ensure':
    case 'tmdb-refresh':
    case 'tmdb-status':
      return parseBare(raw, raw.type);
    case 'recommend': {
      if (
        !hasOnlyKeys(raw, [
          'type',
          'probabilities',
          'confidence',
          'strategy',
          'diversity',
          'count',
          'seed',
          'exclude',
          'like',
          'maxMinutes',
          'hour',
        ])
      )
        return fail('unexpected fields');
      const p = raw.probabilities;
      if (!isProbabilities(p)) return fail('probabilities must give each emotion 0..1');
      if (!isUnit(raw.confidence) || !isUnit(raw.diversity)) return fail('confidence and diversity must be 0..1');
      if (raw.strategy !== 'match' && raw.strategy !== 'lift') return fail('strategy must be match or lift');
      if (!Number.isInteger(raw.count) || (raw.count as number) < 1 || (raw.count as number) > MAX_PICKS)
        return fail('count must be 1 to 50');
      if (!Number.isSafeInteger(raw.seed)) return fail('seed must be an integer');
      const ex = raw.exclude;
      if (!Array.isArray(ex) || ex.length > MAX_LOOKUP || !ex.every((i) => Number.isSafeInteger(i)))
        return fail('exclude must be up to 1000 ids');
      const like = raw.like ?? null;
      if (like !== null && !isMovieId(like)) return fail('like must be a movie id or null');
      const maxMinutes = raw.maxMinutes ?? null;
      if (
        maxMinutes !== null &&
        !(Number.isInteger(maxMinutes) && (maxMinutes as number) >= 30 && (maxMinutes as number) <= 600)
      )
        return fail('maxMinutes must be 30 to 600 or null');
      const hour = raw.hour ?? null;
      if (hour !== null && !(Number.isInteger(hour) && (hour as number) >= 0 && (hour as number) <= 23))
        return fail('hour must be 0 to 23 or null');
      return {
        ok: true,
        value: {
          type: 'recommend',
          probabilities: p,
          confidence: raw.confidence,
          strategy: raw.strategy,
          diversity: raw.diversity,
          count: raw.count as number,
          seed: raw.seed as number,
          exclude: ex as number[],
          like: like as number | null,
          maxMinutes: maxMinutes as number | null,
          hour: hour as number | null,
        },
      };
    }
    case 'feedback': {
      if (!hasOnlyKeys(raw, ['type', 'movieId', 'signal', 'mood'])) return fail('unexpected fields');
      if (!isMovieId(raw.movieId)) return fail('movieId must be a non-zero integer');
      if (!isFeedbackSignal(raw.signal)) return fail('unknown feedback');
      const mood = raw.mood ?? null;
      if (mood !== null && !isMoodLesson(mood)) return fail('mood must be an emotion and a strategy, or null');
      return { ok: true, value: { type: 'feedback', movieId: raw.movieId, signal: raw.signal, mood } };
    }
    case 'mood-record': {
      if (!hasOnlyKeys(raw, ['type', 'mood', 'picks'])) return fail('unexpected fields');
      const mood = parseMoodSummary(raw.mood);
      if (!mood) return fail('mood must be probabilities, confidence, face count and source');
      if (!isMovieIds(raw.picks, MAX_PICKS)) return fail('picks must be up to 50 movie ids');
      return { ok: true, value: { type: 'mood-record', mood, picks: raw.picks } };
    }
    case 'mood-latest':
    case 'watchlist-list':
    case 'privacy-counts':
    case 'privacy-export':
    case 'privacy-delete':
    case 'mood-map-reset':
    case 'mood-map-status':
      return parseBare(raw, raw.type);
    case 'history-list':
      if (!hasOnlyKeys(raw, ['type', 'limit'])) return fail('unexpected fields');
      if (!Number.isInteger(raw.limit) || (raw.limit as number) < 1 || (raw.limit as number) > 500)
        return fail('limit must be 1 to 500');
      return { ok: true, value: { type: 'history-list', limit: raw.limit as number } };
    case 'history-update': {
      if (!hasOnlyKeys(raw, ['type', 'id', 'picks', 'corrected'])) return fail('unexpected fields');
      if (!isPositiveId(raw.id)) return fail('id must be positive');
      const picks = raw.picks;
      if (picks !== null && !isMovieIds(picks, MAX_PICKS)) return fail('picks must be up to 50 movie ids or null');
      if (raw.corrected !== null && !(EMOTIONS as readonly unknown[]).includes(raw.corrected))
        return fail('corrected must be an emotion or null');
      return {
        ok: true,
        value: {
          type: 'history-update',
          id: raw.id,
          picks,
          corrected: raw.corrected as Emotion | null,
        },
      };
    }
    case 'watchlist-remove':
      if (!hasOnlyKeys(raw, ['type', 'movieId'])) return fail('unexpected fields');
      if (!isMovieId(raw.movieId)) return fail('movieId must be a non-zero integer');
      return { ok: true, value: { type: 'watchlist-remove', movieId: raw.movieId } };
    case 'feedback-undo':
      if (!hasOnlyKeys(raw, ['type', 'eventId'])) return fail('unexpected fields');
      if (!isPositiveId(raw.eventId)) return fail('eventId must be positive');
      return { ok: true, value: { type: 'feedback-undo', eventId: raw.eventId } };
    case 'privacy-import':
      if (!hasOnlyKeys(raw, ['type', 'data'])) return fail('unexpected fields');
      if (!isRecord(raw.data)) return fail('data must be an export object');
      return { ok: true, value: { type: 'privacy-import', data: raw.data } };
    case 'tmdb-details':
      if (!hasOnlyKeys(raw, ['type', 'tmdbId'])) return fail('unexpected fields');
      if (!isPositiveId(raw.tmdbId)) return fail('tmdbId must be a positive integer');
      return { ok: true, value: { type: 'tmdb-details', tmdbId: raw.tmdbId } };
    case 'movies-get': {
      if (!hasOnlyKeys(raw, ['type', 'movieIds'])) return fail('unexpected fields');
      if (!isMovieIds(raw.movieIds, MAX_LOOKUP)) return fail('movieIds must be up to 1000 non-zero integers');
      return { ok: true, value: { type: 'movies-get', movieIds: raw.movieIds } };
    }
    case 'movies-search': {
      if (!hasOnlyKeys(raw, ['type', 'query', 'limit'])) return fail('unexpected fields');
      if (typeof raw.query !== 'string' || raw.query.length > MAX_QUERY_LENGTH)
        return fail('query must be a short string');
      if (!Number.isInteger(raw.limit) || (raw.limit as number) < 1 || (raw.limit as number) > 100)
        return fail('limit must be 1 to 100');
      return { ok: true, value: { type: 'movies-search', query: raw.query, limit: raw.limit as number } };
    }
    default:
      return null;
  }
}

/** Validates a message sent to the overlay content script; null when it is not addressed to it. */
export function parseOverlayRequest(raw: unknown): Parsed<OverlayRequest> | null {
  if (!isRecord(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'overlay:ping':
      return parseBare(raw, raw.type);
    case 'overlay:read-frame':
      if (!hasOnlyKeys(raw, ['type', 'srcUrl', 'mediaType'])) return fail('unexpected fields');
      if (raw.srcUrl !== null && (typeof raw.srcUrl !== 'string' || raw.srcUrl.length > 8192))
        return fail('srcUrl must be a URL or null');
      if (raw.mediaType !== 'video' && raw.mediaType !== 'image') return fail('mediaType must be video or image');
      return { ok: true, value: { type: 'overlay:read-frame', srcUrl: raw.srcUrl, mediaType: raw.mediaType } };
    default:
      return null;
  }
}

/** Validates a message sent to the offscreen document; null when the message is not addressed to it. */
export function parseOffscreenRequest(raw: unknown): Parsed<OffscreenRequest> | null {
  if (!isRecord(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'offscreen:analyze':
      return parseImageRequest(raw, 'offscreen:analyze');
    case 'offscreen:stats':
      return parseBare(raw, raw.type);
    default:
      return null;
  }
}

export function isOffscreenReadyNotice(raw: unknown): raw is OffscreenReadyNotice {
  return isRecord(raw) && raw.type === 'offscreen:ready' && hasOnlyKeys(raw, ['type']);
}

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

/** A content script of ours in a web page's tab (http or https): the tab is set, the URL is the page's. */
export function senderIsContentScript(sender: SenderInfo, extensionId: string): boolean {
  return (
    sender.id === extensionId &&
    sender.tab !== undefined &&
    typeof sender.url === 'string' &&
    /^https?:\/\//.test(sender.url)
  );
}

/** Our background service worker: it has no tab, and its URL is our background script. */
export function senderIsBackground(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return (
    sender.id === extensionId &&
    sender.tab === undefined &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(extensionOrigin) &&
    /\/background\.js$/.test(sender.url)
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
 * disk) is `storage-failed`, so the user hears that nothing was saved; anything else failed the request.
 */
export function replyForError(error: unknown): Reply<never> {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ProtocolError) return errorReply(error.code, error.message);
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'QuotaExceededError' || name === 'UnknownError') return errorReply('storage-failed', message);
  return errorReply('inference-failed', message);
}

/** An error that crossed the protocol; `code` says what kind, for the UI to pick its message. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
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
 * `handle`. `context` names the receiver in the log.
 */
export function guardedListener<R>(options: {
  context: string;
  parse: (raw: unknown) => Parsed<R> | null;
  /** May this sender send a message of this type? */
  senderOk: (sender: SenderInfo, type: string) => boolean;
  foreignMessage: string;
  handle: (request: R, sender: SenderInfo) => Promise<Reply<unknown>>;
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
    return options.handle(parsed.value, sender);
  };
}

/** A typed client of the background, as every extension page and content script holds one. */
export type BackgroundClient = ReturnType<typeof createClient<BackgroundApi>>;
