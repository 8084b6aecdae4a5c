import type { MessageKey } from './messages';
import type { CheckSource } from './mood/summary';

/** What a failed request reports across the message protocol (messaging.ts), for the UI to pick its message. */
export type ErrorCode =
  | 'invalid-message'
  | 'foreign-sender'
  | 'bad-image'
  | 'capture-failed'
  | 'inference-failed'
  | 'model-failed'
  | 'catalogue-failed'
  | 'picks-failed'
  | 'tmdb-failed'
  | 'storage-failed'
  | 'storage-unreadable'
  | 'storage-newer'
  | 'delete-failed'
  | 'unsupported'
  | InPictureInPicture;

/** A video playing in picture-in-picture, whose own pixels the page does not let be read (and the tab shows not). */
export type InPictureInPicture = 'video-in-picture-in-picture';

/** Ways a mood check can fail for the user, each with a plain message. */
export type CameraProblem = 'camera-denied' | 'camera-missing' | 'camera-busy' | 'camera-failed';
/** Frame reading on a web page (overlay, right-click and the popup's "This tab's video"). */
export type FrameProblem = 'protected-video' | 'no-video' | 'video-out-of-view' | InPictureInPicture | ClosedPage;
/** A page the browser keeps Moodreel out of: a file from the computer (until the user allows files), or any other. */
export const CLOSED_PAGES = ['file-closed', 'page-closed'] as const;
export type ClosedPage = (typeof CLOSED_PAGES)[number];
export const isClosedPage = (code: unknown): code is ClosedPage => CLOSED_PAGES.some((c) => c === code);

/**
 * Why Moodreel could not reach a page, by its address: a file, where the browser lets the user allow files
 * (`filesCanBeAllowed`, Chromium's "Allow access to file URLs"), or a page closed to every extension.
 */
export function closedPageProblem(url: string | undefined, filesCanBeAllowed: boolean): ClosedPage {
  return filesCanBeAllowed && url?.startsWith('file:') ? 'file-closed' : 'page-closed';
}
/**
 * A picture the user chose that cannot be read as it is: in a format the browser does not open, too big a file, or too
 * few pixels to find a face in.
 */
export type PictureProblem = 'image-format' | 'image-too-large' | 'image-too-small';
export type ProblemCode = ErrorCode | CameraProblem | FrameProblem | PictureProblem | 'camera-permission' | 'no-face';

/** An error that says which problem it is, so the UI can show that problem's plain message. */
export class Problem<C extends ProblemCode = ProblemCode> extends Error {
  constructor(
    readonly code: C,
    message: string = code,
  ) {
    super(message);
    this.name = 'Problem';
  }
}

/** The problem an error says it is, or `fallback` for one that does not (a bug, a browser API's own failure). */
export function problemCodeOf(error: unknown, fallback: ProblemCode): ProblemCode {
  return error instanceof Problem ? error.code : fallback;
}

/**
 * Below this many pixels on its shorter side a picture is too small to find a face in (a tightly cropped 48-px face
 * has no room around it for the detector): the user hears that, not "no face found".
 */
export const MIN_PICTURE_SIDE = 100;

/** A problem as the UI shows it: its code, the figures its message names, and a body in place of its own. */
export interface ShownProblem {
  code: ProblemCode;
  subs?: (string | number)[];
  body?: MessageKey | undefined;
}

/**
 * What a read that found no face tells: a picture too small to find one in, with its size (the user hears the real
 * reason, not "no face"), else no face, with `advice` for where the picture came from in place of the camera's.
 */
export function noFaceProblem({ width, height }: { width: number; height: number }, advice?: MessageKey): ShownProblem {
  return Math.min(width, height) < MIN_PICTURE_SIDE
    ? { code: 'image-too-small', subs: [width, height, MIN_PICTURE_SIDE] }
    : { code: 'no-face', body: advice };
}

/** The advice a popup check that found no face gives, by where the picture came from (the camera's is the problem's). */
const NO_FACE_ADVICE: Record<CheckSource, MessageKey | undefined> = {
  camera: undefined,
  tab: 'noFaceInFrame',
  file: 'noFaceInFile',
};

/**
 * A picture this many times as long as it is wide (a panorama, a long screenshot): a detector squares what it reads,
 * so its faces come out small, and cropping is the advice.
 */
const NARROW_PICTURE = 4;

/** What a popup check that found no face tells: a video's frame or a file gets its own advice, not the camera's. */
export function checkNoFaceProblem(picture: { width: number; height: number }, source: CheckSource): ShownProblem {
  const { width, height } = picture;
  const narrow = Math.max(width, height) >= NARROW_PICTURE * Math.min(width, height);
  return noFaceProblem(picture, source === 'file' && narrow ? 'noFaceInNarrowPicture' : NO_FACE_ADVICE[source]);
}

export interface ProblemText {
  title: MessageKey;
  body: MessageKey;
}

/** The plain-language title and body of a problem, as message keys (`problem_<code>_title`/`_body`). */
export function problemText(code: ProblemCode): ProblemText {
  const key = code.replace(/-/g, '_');
  return { title: `problem_${key}_title` as MessageKey, body: `problem_${key}_body` as MessageKey };
}

/**
 * What a getUserMedia failure means for the user, by the DOMException's name: blocked (by the user or policy), no
 * camera (or none that fits), busy (another app holds it, or the OS refused), or anything else.
 */
export function cameraProblemOf(errorName: string): CameraProblem {
  if (errorName === 'NotAllowedError' || errorName === 'SecurityError') return 'camera-denied';
  if (errorName === 'NotFoundError' || errorName === 'OverconstrainedError') return 'camera-missing';
  if (errorName === 'NotReadableError' || errorName === 'AbortError') return 'camera-busy';
  return 'camera-failed';
}
