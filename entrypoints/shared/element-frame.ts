/**
 * A video's (or an image's) current frame from its own pixels, where the page lets them be read: for the overlay's
 * frame reader, and for a video playing in picture-in-picture, which a screenshot of the tab does not show.
 */
import { isBlankFrame } from '../../models/image/frame';
import { jpegOf, scaledCanvas } from './canvas';

export type Media = HTMLVideoElement | HTMLImageElement;

function naturalSize(el: Media): { width: number; height: number } {
  return el instanceof HTMLVideoElement
    ? { width: el.videoWidth, height: el.videoHeight }
    : { width: el.naturalWidth, height: el.naturalHeight };
}

/** Whether a canvas shows nothing (a black frame), from a small copy of it. Throws SecurityError when tainted. */
export function isBlankCanvas(canvas: HTMLCanvasElement): boolean {
  const probe = document.createElement('canvas');
  probe.width = 64;
  probe.height = 36;
  const ctx = probe.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(canvas, 0, 0, probe.width, probe.height);
  return isBlankFrame(ctx.getImageData(0, 0, probe.width, probe.height).data);
}

/**
 * The element's own pixels as a JPEG data URL, or null when the page does not let them be read: DRM (`mediaKeys`), a
 * cross-origin source without CORS (a tainted canvas), no frame yet, or a black one.
 */
export function ownFrame(el: Media): string | null {
  if (el instanceof HTMLVideoElement && el.mediaKeys) return null;
  const natural = naturalSize(el);
  if (natural.width === 0 || natural.height === 0) return null;
  const canvas = scaledCanvas(el, { x: 0, y: 0, ...natural });
  try {
    if (isBlankCanvas(canvas)) return null;
    return jpegOf(canvas);
  } catch {
    return null; // tainted
  }
}
