import { cropRect, type VideoOnScreen } from '../../models/image/frame';
import { scaledCanvas } from '../shared/canvas';

/**
 * Decodes an image data URL onto a canvas no larger than `maxSide` on its longer side. Throws on anything that is
 * not a decodable image. Only the first frame of an animated image is used. A screenshot with the video's place on
 * screen is cut to the video here, where it is decoded anyway (cutting it before sending costs a decode and an
 * encode more); the whole image is read when none of the video is in it.
 */
export async function decodeToCanvas(
  dataUrl: string,
  maxSide: number,
  video: VideoOnScreen | null,
): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  try {
    const whole = { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    return scaledCanvas(bitmap, (video && cropRect(video.box, video.viewport, whole)) ?? whole, maxSide);
  } finally {
    bitmap.close();
  }
}
