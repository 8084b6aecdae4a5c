import type { ErrorCode } from './protocol';

/** Ways a mood check can fail for the user, each with a plain message. */
export type CameraProblem = 'camera-denied' | 'camera-missing' | 'camera-busy' | 'camera-failed';
/** Frame reading on a web page (overlay and right-click). */
export type FrameProblem = 'protected-video' | 'no-video';
export type ProblemCode = ErrorCode | CameraProblem | FrameProblem | 'camera-permission' | 'no-face';

export interface ProblemText {
  title: string;
  body: string;
}

export const PROBLEMS: Record<ProblemCode, ProblemText> = {
  'no-face': {
    title: 'No face found',
    body: 'Face the camera in good light, or pick an image where a face is clearly visible, and try again.',
  },
  'camera-permission': {
    title: 'Allow the camera once',
    body: 'A Moodreel tab has opened to ask for camera access. Allow it there, then check your mood again.',
  },
  'camera-denied': {
    title: 'Camera blocked',
    body: 'Moodreel may not use the camera. Allow it on the page that opens, or in the browser’s site settings for Moodreel.',
  },
  'camera-missing': {
    title: 'No camera found',
    body: 'Connect a camera, or use this tab’s video instead.',
  },
  'camera-busy': {
    title: 'Camera busy',
    body: 'Another app is using the camera. Close it and try again.',
  },
  'camera-failed': {
    title: 'The camera sent no picture',
    body: 'Try again in a moment.',
  },
  'protected-video': {
    title: 'This video is protected',
    body: 'The site does not let extensions see its picture. Try a snapshot of yourself instead.',
  },
  'no-video': {
    title: 'No video to read',
    body: 'Right-click a video (or an image) that is on screen, or start playing it first.',
  },
  'capture-failed': {
    title: 'Could not capture this tab',
    body: 'Some pages (browser pages, the web store, protected video) cannot be captured. Try a snapshot of yourself.',
  },
  'bad-image': {
    title: 'Not an image we can read',
    body: 'The picture is damaged or in a format the browser cannot open.',
  },
  'inference-failed': {
    title: 'The analysis failed',
    body: 'Something went wrong while reading the face. Try again.',
  },
  'catalogue-failed': {
    title: 'The movie catalogue could not be loaded',
    body: 'Moodreel will try again the next time it starts. Your saved picks and feedback are safe.',
  },
  'tmdb-failed': {
    title: 'TMDB could not be reached',
    body: 'Moodreel works fully offline; posters and new titles come back when TMDB answers again.',
  },
  unsupported: {
    title: 'Not supported in this browser',
    body: 'This browser cannot run Moodreel’s on-device analysis yet.',
  },
  'invalid-message': {
    title: 'Moodreel hit an internal error',
    body: 'Close and reopen Moodreel, then try again.',
  },
  'foreign-sender': {
    title: 'Request refused',
    body: 'Only Moodreel’s own pages may ask for a mood check.',
  },
};
