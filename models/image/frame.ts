/**
 * Pure helpers for grabbing a video frame: is a frame blank (DRM players hand canvases a black picture), where the
 * video sits in a screenshot of the tab, and how big a frame to send for analysis.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

/** Mean luma at or below this (0..255) and almost no spread: the frame shows nothing (black, protected, not started). */
export const BLANK_MAX_LUMA = 12;
export const BLANK_MAX_SPREAD = 6;

/** True when RGBA pixels are uniformly (near) black: a protected or not-yet-decoded video frame. */
export function isBlankFrame(rgba: ArrayLike<number>): boolean {
  const n = Math.floor(rgba.length / 4);
  if (n === 0) return true;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const y = 0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!;
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  const spread = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  return mean <= BLANK_MAX_LUMA && spread <= BLANK_MAX_SPREAD;
}

/** Where a video is on screen when the tab is captured: its box in CSS px of a viewport of this size. */
export interface VideoOnScreen {
  box: Rect;
  viewport: Size;
}

/** The part of the video inside the viewport (CSS px), or null when none of it is: what a screenshot shows of it. */
export function onScreen({ box, viewport }: VideoOnScreen): Rect | null {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(viewport.width, box.x + box.width);
  const y1 = Math.min(viewport.height, box.y + box.height);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** The share of a video (or of the window) that must be on screen for a screenshot of it to be read. */
const IN_VIEW = 0.5;

/**
 * Whether enough of a video is on screen to read it from a screenshot: half of it, or half the window (a player
 * larger than the window, cut by its page, still fills it). A page scrolled past its player shows only a strip.
 */
export function inView(video: VideoOnScreen): boolean {
  const part = onScreen(video);
  if (!part) return false;
  const shown = part.width * part.height;
  const { box, viewport } = video;
  return shown >= box.width * box.height * IN_VIEW || shown >= viewport.width * viewport.height * IN_VIEW;
}

/**
 * The element's box in screenshot pixels. A screenshot is the viewport at device pixels, so the scale is measured
 * (shot width / viewport width) rather than trusted from devicePixelRatio; the box is clipped to the shot.
 * Null when nothing of the element is on screen.
 */
export function cropRect(element: Rect, viewport: Size, shot: Size): Rect | null {
  if (viewport.width <= 0 || viewport.height <= 0) return null;
  const sx = shot.width / viewport.width;
  const sy = shot.height / viewport.height;
  const x0 = Math.max(0, Math.floor(element.x * sx));
  const y0 = Math.max(0, Math.floor(element.y * sy));
  const x1 = Math.min(shot.width, Math.ceil((element.x + element.width) * sx));
  const y1 = Math.min(shot.height, Math.ceil((element.y + element.height) * sy));
  if (x1 - x0 < 8 || y1 - y0 < 8) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
