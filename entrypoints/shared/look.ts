import { lookOf, LOOK_SIDE } from '../../models/look/look';
import type { Box } from '../../models/mood/faces';

/**
 * The look of a picture on a page (a canvas, an image): drawn small first, since reading pixels back is the slow part
 * and the look is measured at LOOK_SIDE anyway; `masked` boxes are in the picture's own pixels. The small copy is
 * dropped at once.
 */
export function lookOfDrawing(
  source: CanvasImageSource,
  size: { width: number; height: number },
  masked: readonly Box[] = [],
): number[] | null {
  const scale = Math.min(1, (2 * LOOK_SIDE) / Math.max(size.width, size.height));
  const small = document.createElement('canvas');
  small.width = Math.max(1, Math.round(size.width * scale));
  small.height = Math.max(1, Math.round(size.height * scale));
  try {
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(source, 0, 0, small.width, small.height);
    const boxes = masked.map((b) => ({
      x: b.x * scale,
      y: b.y * scale,
      width: b.width * scale,
      height: b.height * scale,
    }));
    const look = lookOf(ctx.getImageData(0, 0, small.width, small.height), boxes);
    return look ? Array.from(look) : null;
  } finally {
    small.width = 0;
    small.height = 0;
  }
}
