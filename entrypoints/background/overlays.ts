/**
 * The background's word to the overlays in tabs. Tabs without the overlay refuse these messages; that is expected and
 * not an error.
 */
import { browser } from 'wxt/browser';
import { isPageVideo, type OverlayApi, type OverlayChange, type PageVideo } from '../../models/protocol';
import type { VideoOnScreen } from '../../models/image/frame';
import { createClient, ProtocolError } from '../../models/messaging';

/** The overlay in one frame of a tab, or in all its frames (the first to answer replies). */
export const overlayIn = (tabId: number, frameId?: number) =>
  createClient<OverlayApi>((message) =>
    frameId === undefined
      ? browser.tabs.sendMessage(tabId, message)
      : browser.tabs.sendMessage(tabId, message, { frameId }),
  );

/**
 * What the overlays show changed elsewhere (the latest mood check, the user's marks): a panel open beside a film
 * follows what is done in the popup over it.
 */
export function tellOverlays(what: OverlayChange): void {
  void browser.tabs
    .query({})
    .then((tabs) => {
      for (const { id } of tabs)
        if (id !== undefined) overlayIn(id)({ type: 'overlay:changed', what }).catch(() => undefined);
    })
    .catch((error: unknown) => console.warn('Moodreel: overlays not told of a change', error));
}

/** The script that says where a page's main video is (entrypoints/video-place.ts as WXT builds it). */
const VIDEO_PLACE_SCRIPT = '/video-place.js';

/**
 * What a tab's page says of its main video, asked of the page itself where the overlay is not on or knows none (the
 * popup's click granted activeTab); null where it cannot be scripted (the browser's own pages, the web store).
 */
async function pageVideoIn(tabId: number): Promise<PageVideo | null> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: [VIDEO_PLACE_SCRIPT] });
    return isPageVideo(frame?.result) ? frame.result : null;
  } catch {
    return null;
  }
}

/**
 * Captures the tab shown with its overlay out of the way (a panel open over the player would cover part of the
 * picture the popup reads), and puts it back after; with where the page's main video is, from the overlay or, where
 * it is not or knows none, from the page. A video playing in picture-in-picture is not in the shot: its own frame is
 * read instead, and where the page does not let it be read, the user hears so.
 */
export async function captureWithOverlayAside(
  capture: () => Promise<string>,
): Promise<{ image: string; video: VideoOnScreen | null }> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  const overlay = tab?.id === undefined ? null : overlayIn(tab.id);
  const aside = overlay ? await overlay({ type: 'overlay:aside', aside: true }).catch(() => null) : null;
  try {
    // What the overlay says, checked on receipt as the page's own answer is.
    const said = aside && { video: aside.video, pictureInPicture: aside.pictureInPicture };
    const known = said && isPageVideo(said) && (said.video || said.pictureInPicture) ? said : null;
    const [image, page] = await Promise.all([capture(), known ?? (tab?.id === undefined ? null : pageVideoIn(tab.id))]);
    if (page?.pictureInPicture) {
      const { frame } = page.pictureInPicture;
      if (!frame) throw new ProtocolError('video-in-picture-in-picture', 'The video plays in picture-in-picture');
      return { image: frame, video: null };
    }
    return { image, video: page?.video ?? null };
  } finally {
    if (aside) void overlay!({ type: 'overlay:aside', aside: false }).catch(() => undefined);
  }
}
