/**
 * The page's main video and where it is on screen, for the overlay and for the popup's "This tab's video" on pages
 * the overlay is not on. Runs in the page (a content script).
 */
import type { Rect, Size, VideoOnScreen } from '../../models/image/frame';
import { EMBEDDED_PLAYERS } from '../../models/sites/embeds';
import { isPlayerSized } from '../../models/sites/site';

/** The largest on-screen video of at least MIN_PLAYER, playing ones first. */
export function largestVideo(): HTMLVideoElement | null {
  return largest(document.querySelectorAll('video'), (video) => (video.paused ? 1 : 2));
}

/**
 * The page's player: its largest video, or a service's player embedded in a frame (whose video the page cannot
 * see), whichever is larger; playing videos first.
 */
export function largestPlayer(): Element | null {
  const players = [...document.querySelectorAll('video'), ...document.querySelectorAll(EMBEDDED_PLAYERS.join(','))];
  return largest(players, (el) => (el instanceof HTMLVideoElement && !el.paused ? 2 : 1));
}

function largest<T extends Element>(candidates: Iterable<T>, weight: (el: T) => number): T | null {
  let best: { el: T; score: number } | null = null;
  for (const el of candidates) {
    const r = el.getBoundingClientRect();
    if (!isPlayerSized(r)) continue;
    const score = r.width * r.height * weight(el);
    if (!best || score > best.score) best = { el, score };
  }
  return best?.el ?? null;
}

/** An element's box in CSS px of the viewport. */
export function boxOnScreen(el: Element): Rect {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

export const viewportSize = (): Size => ({ width: window.innerWidth, height: window.innerHeight });

/**
 * Where a video is in a screenshot of this tab, for only it to be read (a page shows other faces too: thumbnails,
 * avatars); null for one too small to be the player, or in a frame inside the page, whose coordinates are not the
 * tab's.
 */
export function videoOnScreen(video: Element | null): VideoOnScreen | null {
  if (!video || window !== window.top) return null;
  const box = boxOnScreen(video);
  return isPlayerSized(box) ? { box, viewport: viewportSize() } : null;
}
