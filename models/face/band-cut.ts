/**
 * Where to read a face from: a face in a larger frame cut as the band a face that fills a photo is boxed as
 * (`bandCut` in config.ts explains why).
 */
import type { Box } from '../mood/faces';
import type { BandCut } from './config';

/**
 * The band to read a face boxed at `box` from, within the image; null when the box spans `cut.maxSpan` or more of
 * the image's shorter side (it already is the band).
 */
export function bandOf(box: Box, imageWidth: number, imageHeight: number, cut: BandCut): Box | null {
  if (box.width >= cut.maxSpan * Math.min(imageWidth, imageHeight)) return null;
  const left = box.x + cut.x * box.width;
  const top = box.y + cut.y * box.width;
  const x = Math.max(0, left);
  const y = Math.max(0, top);
  const right = Math.min(imageWidth, left + cut.width * box.width);
  const bottom = Math.min(imageHeight, top + cut.height * box.width);
  if (right - x < 1 || bottom - y < 1) return null;
  return { x, y, width: right - x, height: bottom - y };
}
