/**
 * Reads the current frame of a video (or an image) on the page. The element's own pixels are used when the page
 * allows it; a cross-origin (tainted), DRM-protected or black frame falls back to a screenshot of the tab cropped to
 * the element. A screenshot that is black too means the video is protected.
 */
import { inView, isBlankFrame } from '../../models/image/frame';
import { boxOnScreen, viewportSize } from '../shared/page-video';
import { decodedCanvas, jpegOf, scaledCanvas } from '../shared/canvas';
import { Problem, type FrameProblem } from '../../models/problems';

export class FrameError extends Problem<FrameProblem> {
  constructor(code: FrameProblem) {
    super(code);
    this.name = 'FrameError';
  }
}

type Media = HTMLVideoElement | HTMLImageElement;

function naturalSize(el: Media): { width: number; height: number } {
  return el instanceof HTMLVideoElement
    ? { width: el.videoWidth, height: el.videoHeight }
    : { width: el.naturalWidth, height: el.naturalHeight };
}

/** A small copy of a canvas's pixels, enough to tell a black frame. Throws SecurityError when tainted. */
function blank(canvas: HTMLCanvasElement): boolean {
  const probe = document.createElement('canvas');
  probe.width = 64;
  probe.height = 36;
  const ctx = probe.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(canvas, 0, 0, probe.width, probe.height);
  return isBlankFrame(ctx.getImageData(0, 0, probe.width, probe.height).data);
}

/** The element's own pixels as a JPEG data URL, or null when the page does not let us read them. */
function fromElement(el: Media): string | null {
  if (el instanceof HTMLVideoElement && el.mediaKeys) return null;
  const natural = naturalSize(el);
  if (natural.width === 0 || natural.height === 0) return null;
  const canvas = scaledCanvas(el, { x: 0, y: 0, ...natural });
  try {
    if (blank(canvas)) return null;
    return jpegOf(canvas);
  } catch {
    return null; // tainted: a cross-origin video without CORS
  }
}

async function fromScreenshot(el: Media, captureTab: () => Promise<string>): Promise<string> {
  const place = { box: boxOnScreen(el), viewport: viewportSize() };
  if (!inView(place)) throw new FrameError('video-out-of-view');
  const canvas = await decodedCanvas(await captureTab(), place);
  if (!canvas) throw new FrameError('no-video');
  if (blank(canvas)) throw new FrameError('protected-video');
  return jpegOf(canvas);
}

export async function readFrame(
  el: Media,
  captureTab: () => Promise<string>,
): Promise<{ image: string; via: 'element' | 'screenshot' }> {
  const r = el.getBoundingClientRect();
  if (r.width < 8 || r.height < 8) throw new FrameError('no-video');
  const own = fromElement(el);
  if (own) return { image: own, via: 'element' };
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
