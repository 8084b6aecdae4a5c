/**
 * The page's main video and where it is on screen, for the overlay and for the popup's "This tab's video" on pages
 * the overlay is not on. Runs in the page (a content script).
 */
import { inView, onScreen, type Rect, type Size, type VideoOnScreen } from '../../models/image/frame';
import { EMBEDDED_PLAYERS } from '../../models/sites/embeds';
import { isPlayerSized } from '../../models/sites/site';
import type { PageVideo } from '../../models/protocol';
import { ownFrame } from './element-frame';

/**
 * Every open shadow root in `root`, nested ones too. A tree walker, not `querySelectorAll('*')`: it makes no list of
 * every element first, which on a large page costs several times the walk itself.
 */
function openShadowRoots(root: Document | ShadowRoot): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null)
    if (el.shadowRoot) found.push(el.shadowRoot, ...openShadowRoots(el.shadowRoot));
  return found;
}

/**
 * The last walk of the page for its shadow roots. A walk visits every element, which costs on a large page, so the
 * overlay's look at each change of the page reuses it for a while; what the user asks for walks afresh.
 */
let walked: { at: number; roots: ShadowRoot[] } | null = null;
export const WALK_REUSED_MS = 10_000;

/** How fresh a look at the page is: `reuse` for the overlay's own at each change of the page. */
export type Look = 'fresh' | 'reuse';

/**
 * Elements in the page's open shadow roots: a player built of custom elements keeps its video in one, where the
 * document's querySelectorAll does not look.
 */
export function inShadowRoots<E extends Element>(selector: string, look: Look = 'fresh'): E[] {
  const now = performance.now();
  if (look === 'fresh' || !walked || now - walked.at > WALK_REUSED_MS)
    walked = { at: now, roots: openShadowRoots(document) };
  return walked.roots.filter((r) => r.host.isConnected).flatMap((r) => [...r.querySelectorAll<E>(selector)]);
}

/** The page's videos: its own and, only where none of those is a player, those in shadow roots. */
function pageVideos(look: Look): HTMLVideoElement[] {
  const own = [...document.querySelectorAll('video')];
  return own.some((v) => isPlayerSized(v.getBoundingClientRect()))
    ? own
    : [...own, ...inShadowRoots<HTMLVideoElement>('video', look)];
}

/**
 * The element a document's property names (the one full screen, in picture-in-picture), followed down the shadow
 * roots: the document names only the outermost host of one inside a shadow root.
 */
export function innermost(named: (root: Document | ShadowRoot) => Element | null): Element | null {
  let el = named(document);
  while (el?.shadowRoot) {
    const inner = named(el.shadowRoot);
    if (!inner) break;
    el = inner;
  }
  return el;
}

/** The video playing in picture-in-picture, inside a shadow root too, or null. */
export const pictureInPictureVideo = () => innermost((root) => root.pictureInPictureElement);

/** The largest player-sized video on the page, playing ones first. */
export function largestVideo(look: Look = 'fresh'): HTMLVideoElement | null {
  return largest(pageVideos(look), (video, r) => r.width * r.height * (video.paused ? 1 : 2));
}

/** Above any area on screen: a player in view outranks every one that is not. */
const IN_VIEW_FIRST = 1e9;

/**
 * The player the user sees: a video of the page, or a service's player embedded in a frame (whose video the page
 * cannot see). One in view first (a page may have another, larger one scrolled away), then the most of it on screen,
 * playing videos first; with none on screen, the largest (which is then said to be out of view).
 */
export function largestPlayer(): Element | null {
  const players = [...pageVideos('fresh'), ...document.querySelectorAll(EMBEDDED_PLAYERS.join(','))];
  const viewport = viewportSize();
  return largest(players, (el, r) => {
    const place = { box: r, viewport };
    const shown = onScreen(place);
    const seen = (shown ? shown.width * shown.height : 0) * (el instanceof HTMLVideoElement && !el.paused ? 2 : 1);
    return (inView(place) ? IN_VIEW_FIRST : 0) + seen + r.width * r.height * 1e-6;
  });
}

function largest<T extends Element>(candidates: Iterable<T>, score: (el: T, rect: DOMRect) => number): T | null {
  let best: { el: T; score: number } | null = null;
  for (const el of candidates) {
    const r = el.getBoundingClientRect();
    if (!isPlayerSized(r)) continue;
    const s = score(el, r);
    if (!best || s > best.score) best = { el, score: s };
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

/**
 * What the page says of its main video for "This tab's video" (see PageVideo): a video of this page playing in
 * picture-in-picture is the one watched, and a screenshot shows only its placeholder, so its own frame goes instead.
 */
export function pageVideo(main: Element | null): PageVideo {
  const floating = window === window.top ? pictureInPictureVideo() : null;
  if (floating instanceof HTMLVideoElement) return { video: null, pictureInPicture: { frame: ownFrame(floating) } };
  return { video: videoOnScreen(main) };
}
