import type { Box } from '../../models/mood/faces';
import { lookOfDrawing } from '../shared/look';

/** How much larger than the detector's box a face is masked: hair, ears and chin belong to the face, not the scene. */
const FACE_MARGIN = 1.3;

/** The look of the scene on `canvas` with the faces left out, and how long it took. */
export function sceneLook(canvas: HTMLCanvasElement, faces: readonly Box[]): { look: number[] | null; ms: number } {
  const start = performance.now();
  const masked = faces.map((b) => {
    const w = b.width * FACE_MARGIN;
    const h = b.height * FACE_MARGIN;
    return { x: b.x - (w - b.width) / 2, y: b.y - (h - b.height) / 2, width: w, height: h };
  });
  const look = lookOfDrawing(canvas, canvas, masked);
  return { look, ms: performance.now() - start };
}
