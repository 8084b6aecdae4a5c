import { lookOf, LOOK_SIDE } from '../../models/look/look';
import type { Box } from '../../models/mood/faces';

/** How much larger than the detector's box a face is masked: hair, ears and chin belong to the face, not the scene. */
const FACE_MARGIN = 1.3;

/**
 * The look of the scene on `canvas` with the faces left out. The picture is drawn small first: reading a large canvas
 * back is the slow part, and the look is measured at LOOK_SIDE anyway. The small copy is dropped at once.
 */
export function sceneLook(canvas: HTMLCanvasElement, faces: readonly Box[]): { look: number[] | null; ms: number } {
  const start = performance.now();
  const scale = Math.min(1, (2 * LOOK_SIDE) / Math.max(canvas.width, canvas.height));
  const small = document.createElement('canvas');
  small.width = Math.max(1, Math.round(canvas.width * scale));
  small.height = Math.max(1, Math.round(canvas.height * scale));
  try {
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx) return { look: null, ms: performance.now() - start };
    ctx.drawImage(canvas, 0, 0, small.width, small.height);
    const masked = faces.map((b) => {
      const w = b.width * FACE_MARGIN;
      const h = b.height * FACE_MARGIN;
      return {
        x: (b.x - (w - b.width) / 2) * scale,
        y: (b.y - (h - b.height) / 2) * scale,
        width: w * scale,
        height: h * scale,
      };
    });
    const look = lookOf(ctx.getImageData(0, 0, small.width, small.height), masked);
    return { look: look ? Array.from(look) : null, ms: performance.now() - start };
  } finally {
    small.width = 0;
    small.height = 0;
  }
}
