import type { MessageKey } from './messages';
import type { ErrorCode } from './messaging';

/** Ways a mood check can fail for the user, each with a plain message. */
export type CameraProblem = 'camera-denied' | 'camera-missing' | 'camera-busy' | 'camera-failed';
/** Frame reading on a web page (overlay and right-click). */
export type FrameProblem = 'protected-video' | 'no-video';
export type ProblemCode = ErrorCode | CameraProblem | FrameProblem | 'camera-permission' | 'no-face';

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
