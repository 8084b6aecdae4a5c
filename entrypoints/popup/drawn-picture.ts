/**
 * A picture the browser shows that Moodreel's messages do not carry (an SVG drawing, an ICO icon), drawn into a PNG as
 * the browser shows it. An icon keeps its pixels; a drawing, which has no pixels of its own, is drawn large enough to
 * find a face in and no larger than the face model reads.
 */
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import type { DrawnType } from '../../models/image/data-url';

/** The longer side a drawing is drawn at, unless it says it is larger (then up to what the face model reads). */
const DRAWING_SIDE = 1024;

export async function drawnAsPng(file: Blob, type: DrawnType): Promise<string> {
  const url = URL.createObjectURL(file.slice(0, file.size, type));
  try {
    const picture = new Image();
    picture.src = url;
    // Rejects for a file the browser cannot show (a damaged drawing).
    await picture.decode();
    let { naturalWidth: width, naturalHeight: height } = picture;
    if (type === 'image/svg+xml') {
      // A drawing sized by its viewBox alone may give no size in one browser: square, then.
      if (width === 0 || height === 0) [width, height] = [DRAWING_SIDE, DRAWING_SIDE];
      const side = Math.min(Math.max(width, height, DRAWING_SIDE), DEFAULT_ANALYZER_CONFIG.maxImageSide);
      const scale = side / Math.max(width, height);
      [width, height] = [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    // What is see-through is drawn on white, as the browser shows it on a page, not on black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(picture, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
