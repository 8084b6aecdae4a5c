/**
 * Reads the current frame of a video (or an image) on the page. The element's own pixels are used when the page
 * allows it; a cross-origin (tainted), DRM-protected or black frame falls back to a screenshot of the tab cropped to
 * the element. A screenshot that is black too means the video is protected.
 */
import { fitWithin } from '../../models/face/config';
import { cropRect, isBlankFrame } from '../../models/image/frame';
import { Problem, type FrameProblem } from '../../models/problems';

export class FrameError extends Problem<FrameProblem> {
  constructor(code: FrameProblem) {
    super(code);
    this.name = 'FrameError';
  }
}

/** Frames are sent at most this large: the detector gains nothing from more. */
const MAX_SIDE = 1920;

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

/** `rect` of `source` on a new canvas, scaled down to at most MAX_SIDE. */
function scaledCanvas(source: CanvasImageSource, rect: { x: number; y: number; width: number; height: number }) {
  const size = fitWithin(rect.width, rect.height, MAX_SIDE);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')!.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, size.width, size.height);
  return canvas;
}

/** The element's own pixels as a JPEG data URL, or null when the page does not let us read them. */
function fromElement(el: Media): string | null {
  if (el instanceof HTMLVideoElement && el.mediaKeys) return null;
  const natural = naturalSize(el);
  if (natural.width === 0 || natural.height === 0) return null;
  const canvas = scaledCanvas(el, { x: 0, y: 0, ...natural });
  try {
    if (blank(canvas)) return null;
    return canvas.toDataURL('image/jpeg', 0.92);
  } catch {
    return null; // tainted: a cross-origin video without CORS
  }
}

async function fromScreenshot(el: Media, captureTab: () => Promise<string>): Promise<string> {
  const shot = await createImageBitmap(await (await fetch(await captureTab())).blob());
  try {
    const r = el.getBoundingClientRect();
    const crop = cropRect(
      { x: r.left, y: r.top, width: r.width, height: r.height },
      { width: window.innerWidth, height: window.innerHeight },
      { width: shot.width, height: shot.height },
    );
    if (!crop) throw new FrameError('no-video');
    const canvas = scaledCanvas(shot, crop);
    if (blank(canvas)) throw new FrameError('protected-video');
    return canvas.toDataURL('image/jpeg', 0.92);
  } finally {
    shot.close();
  }
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
