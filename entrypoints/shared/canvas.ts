/** Cutting pictures to what is read: a region of a video, an image or a screenshot, at a size worth reading. */
import { fitWithin } from '../../models/face/config';
import { cropRect, type Rect, type VideoOnScreen } from '../../models/image/frame';

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

/** A picture decoded onto a canvas, and its own size (before any scaling). */
export interface Decoded {
  canvas: HTMLCanvasElement;
  picture: { width: number; height: number };
}

/**
 * An image data URL decoded onto a canvas of at most `maxSide` on its longer side; of a screenshot of a tab with the
 * video's place on screen, only the video, or null when none of it is in the shot. Throws on anything that is not a
 * decodable image; only the first frame of an animated image is used.
 */
export async function decodedCanvas(dataUrl: string, video: null, maxSide?: number): Promise<Decoded>;
export async function decodedCanvas(
  dataUrl: string,
  video: VideoOnScreen | null,
  maxSide?: number,
): Promise<Decoded | null>;
export async function decodedCanvas(
  dataUrl: string,
  video: VideoOnScreen | null,
  maxSide = MAX_SIDE,
): Promise<Decoded | null> {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  try {
    const whole = { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    const part = video ? cropRect(video.box, video.viewport, whole) : whole;
    return (
      part && {
        canvas: scaledCanvas(bitmap, part, maxSide),
        picture: { width: Math.round(part.width), height: Math.round(part.height) },
      }
    );
  } finally {
    bitmap.close();
  }
}

/** A canvas as the JPEG data URL the analysis takes. */
export const jpegOf = (canvas: HTMLCanvasElement): string => canvas.toDataURL('image/jpeg', 0.92);
