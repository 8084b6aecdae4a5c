import { fitWithin } from '../../models/face/config';

/**
 * Decodes an image data URL onto a canvas no larger than `maxSide` on its longer side. Throws on anything that is
 * not a decodable image. Only the first frame of an animated image is used.
 */
export async function decodeToCanvas(dataUrl: string, maxSide: number): Promise<HTMLCanvasElement> {
  const blob = await (await fetch(dataUrl)).blob();
  const bitmap = await createImageBitmap(blob);
  try {
    const size = fitWithin(bitmap.width, bitmap.height, maxSide);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas');
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    return canvas;
  } finally {
    bitmap.close();
  }
}
