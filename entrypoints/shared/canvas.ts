/** Cutting pictures to what is read: a region of a video, an image or a screenshot, at a size worth sending. */
import { fitWithin } from '../../models/face/config';
import { cropRect, type Rect, type Size } from '../../models/image/frame';

/** Frames are sent at most this large: the detector gains nothing from more. */
const MAX_SIDE = 1920;

/** `rect` of `source` on a new canvas, scaled down to at most `maxSide` on its longer side. */
export function scaledCanvas(source: CanvasImageSource, rect: Rect, maxSide = MAX_SIDE): HTMLCanvasElement {
  const size = fitWithin(rect.width, rect.height, maxSide);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas');
  ctx.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, size.width, size.height);
  return canvas;
}

/**
 * A screenshot of the tab (a data URL) cut to an element's box on screen (CSS px in a viewport of that size), or null
 * when nothing of the box is in the shot.
 */
export async function cutScreenshot(shot: string, box: Rect, viewport: Size): Promise<HTMLCanvasElement | null> {
  const bitmap = await createImageBitmap(await (await fetch(shot)).blob());
  try {
    const crop = cropRect(box, viewport, { width: bitmap.width, height: bitmap.height });
    return crop && scaledCanvas(bitmap, crop);
  } finally {
    bitmap.close();
  }
}

/** A canvas as the JPEG data URL the analysis takes. */
export const jpegOf = (canvas: HTMLCanvasElement): string => canvas.toDataURL('image/jpeg', 0.92);
