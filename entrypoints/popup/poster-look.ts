import { lookOfDrawing } from '../shared/look';

/**
 * The look of a TMDB poster the popup shows, for films whose poster the shipped looks lack. The image is requested
 * once more with CORS (a canvas may only be read back then); if TMDB's image server refused, the look is skipped and
 * the poster on the card is unaffected.
 */
export async function measurePosterLook(url: string): Promise<number[] | null> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  await image.decode();
  return lookOfDrawing(image, { width: image.naturalWidth, height: image.naturalHeight });
}
