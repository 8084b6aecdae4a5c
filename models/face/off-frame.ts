/**
 * How much of a detection's box lies outside the image. A face cut that much by the frame's edge is not read well, and
 * the boxes a detector draws around nothing (a space suit, a test pattern) often run far off the frame, where a real
 * face's box stays in it.
 */
import type { Box } from '../mood/faces';

/** The share of the box's area outside the image, for a box given relative to the image (0–1 on both axes). */
export function offFrameShare(relative: Box): number {
  const area = relative.width * relative.height;
  if (!(area > 0)) return 1;
  const inX = Math.max(0, Math.min(1, relative.x + relative.width) - Math.max(0, relative.x));
  const inY = Math.max(0, Math.min(1, relative.y + relative.height) - Math.max(0, relative.y));
  return Math.max(0, 1 - (inX * inY) / area);
}
