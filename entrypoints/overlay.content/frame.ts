/**
 * Reads the current frame of a video (or an image) on the page. The element's own pixels are used when the page
 * allows it; a cross-origin (tainted), DRM-protected or black frame falls back to a screenshot of the tab cropped to
 * the element. A screenshot that is black too means the video is protected.
 */
import { inView } from '../../models/image/frame';
import { boxOnScreen, viewportSize } from '../shared/page-video';
import { decodedCanvas, jpegOf } from '../shared/canvas';
import { isBlankCanvas, ownFrame, type Media } from '../shared/element-frame';
import { Problem, type FrameProblem } from '../../models/problems';

export class FrameError extends Problem<FrameProblem> {
  constructor(code: FrameProblem) {
    super(code);
    this.name = 'FrameError';
  }
}

async function fromScreenshot(el: Media, captureTab: () => Promise<string>): Promise<string> {
  const place = { box: boxOnScreen(el), viewport: viewportSize() };
  if (!inView(place)) throw new FrameError('video-out-of-view');
  const canvas = await decodedCanvas(await captureTab(), place);
  if (!canvas) throw new FrameError('no-video');
  if (isBlankCanvas(canvas)) throw new FrameError('protected-video');
  return jpegOf(canvas);
}

export async function readFrame(
  el: Media,
  captureTab: () => Promise<string>,
): Promise<{ image: string; via: 'element' | 'screenshot' }> {
  const r = el.getBoundingClientRect();
  if (r.width < 8 || r.height < 8) throw new FrameError('no-video');
  const own = ownFrame(el);
  if (own) return { image: own, via: 'element' };
  // Its picture is in a window of its own: the tab shows a placeholder where it was.
  if (document.pictureInPictureElement === el) throw new FrameError('video-in-picture-in-picture');
  return { image: await fromScreenshot(el, captureTab), via: 'screenshot' };
}

/** The element the context menu was opened on: matched by its source URL, else the given fallback. */
export function mediaBySource(
  srcUrl: string | null,
  mediaType: 'video' | 'image',
  fallback: Media | null,
): Media | null {
  if (srcUrl) {
    const tag = mediaType === 'image' ? 'img' : 'video';
    for (const el of document.querySelectorAll<Media>(tag)) {
      if (el.currentSrc === srcUrl || el.src === srcUrl) return el;
      if (el instanceof HTMLVideoElement && [...el.querySelectorAll('source')].some((s) => s.src === srcUrl)) return el;
    }
  }
  return fallback;
}
