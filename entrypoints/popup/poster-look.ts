import { lookOf, LOOK_SIDE } from '../../models/look/look';

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
  const scale = Math.min(1, (2 * LOOK_SIDE) / Math.max(image.naturalWidth, image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  const look = lookOf(ctx.getImageData(0, 0, canvas.width, canvas.height));
  return look ? Array.from(look) : null;
}
