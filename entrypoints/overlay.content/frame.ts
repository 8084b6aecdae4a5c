/**
 * Reads the current frame of a video (or an image) on the page. The element's own pixels are used when the page
 * allows it; a cross-origin (tainted), DRM-protected or black frame falls back to a screenshot of the tab cropped to
 * the element. A screenshot that is black too means the video is protected. A video inside a frame of the page
 * (another site's player) is read from the screenshot, cropped to its frame.
 */
import { browser } from 'wxt/browser';
import { inView } from '../../models/image/frame';
import { boxOnScreen, inShadowRoots, largestPlayer, pictureInPictureVideo, viewportSize } from '../shared/page-video';
import { decodedCanvas, jpegOf } from '../shared/canvas';
import { isBlankCanvas, ownFrame, type Media } from '../shared/element-frame';
import { Problem, type FrameProblem } from '../../models/problems';

export class FrameError extends Problem<FrameProblem> {
  constructor(code: FrameProblem) {
    super(code);
    this.name = 'FrameError';
  }
}

async function fromScreenshot(el: Element, captureTab: () => Promise<string>): Promise<string> {
  const place = { box: boxOnScreen(el), viewport: viewportSize() };
  if (!inView(place)) throw new FrameError('video-out-of-view');
  const decoded = await decodedCanvas(await captureTab(), place);
  if (!decoded) throw new FrameError('no-video');
  if (isBlankCanvas(decoded.canvas)) throw new FrameError('protected-video');
  return jpegOf(decoded.canvas);
}

/** A video or image of the page, read from its own pixels where it can be; a frame of the page, from the screen. */
export async function readFrame(
  el: Media | HTMLIFrameElement,
  captureTab: () => Promise<string>,
): Promise<{ image: string; via: 'element' | 'screenshot' }> {
  const r = el.getBoundingClientRect();
  if (r.width < 8 || r.height < 8) throw new FrameError('no-video');
  if (el instanceof HTMLIFrameElement) return { image: await fromScreenshot(el, captureTab), via: 'screenshot' };
  const own = ownFrame(el);
  if (own) return { image: own, via: 'element' };
  // Its picture is in a window of its own: the tab shows a placeholder where it was.
  if (pictureInPictureVideo() === el) throw new FrameError('video-in-picture-in-picture');
  return { image: await fromScreenshot(el, captureTab), via: 'screenshot' };
}

/** The element the context menu was opened on: matched by its source URL, else the given fallback. */
export function mediaBySource(
  srcUrl: string | null,
  mediaType: 'video' | 'image',
  fallback: Media | null,
): Media | null {
  if (!srcUrl) return fallback;
  const tag = mediaType === 'image' ? 'img' : 'video';
  const isClicked = (el: Media) =>
    el.currentSrc === srcUrl ||
    el.src === srcUrl ||
    (el instanceof HTMLVideoElement && [...el.querySelectorAll('source')].some((s) => s.src === srcUrl));
  // The page's own first: the shadow roots are walked only when it has none such.
  return (
    [...document.querySelectorAll<Media>(tag)].find(isClicked) ?? inShadowRoots<Media>(tag).find(isClicked) ?? fallback
  );
}

/**
 * The frame of the page a right-click came from: by its id where the browser can tell a frame element's id (Firefox),
 * else by its address, else the page's main embedded player; null when none is found (a frame nested deeper).
 */
export function frameClickedIn(inFrame: { frameId: number; url: string | null }): HTMLIFrameElement | null {
  const frames = [...document.querySelectorAll('iframe')];
  // Not in Chromium, which matches by address.
  const idOf = (browser.runtime as { getFrameId?: (target: Element) => number }).getFrameId;
  const address = (url: string) => url.split('#')[0];
  const found =
    (idOf && frames.find((f) => idOf(f) === inFrame.frameId)) ||
    (inFrame.url && frames.find((f) => address(f.src) === address(inFrame.url!)));
  if (found) return found;
  const player = largestPlayer();
  return player instanceof HTMLIFrameElement ? player : null;
}
