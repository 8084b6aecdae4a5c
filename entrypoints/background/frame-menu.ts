/**
 * "Moodreel: read the mood of this frame" on videos and images. The click grants activeTab, so the overlay can be
 * injected into any page (named streaming sites already have it) and the tab may be captured when the video's own
 * pixels are off limits. activeTab reaches the tab's top page only, never another site's frame in it (a blog's
 * embedded player), so a video clicked in a frame is read by the page, from the frame as it is on screen. Where the
 * browser keeps Moodreel out of the page altogether, the toolbar button and the popup say why.
 */
import { browser, type Browser } from 'wxt/browser';
import { closedPageProblem } from '../../models/problems';
import { forgetClosedPageOnLeaving, tellClosedPage } from '../shared/closed-page';
import { overlayIn } from './overlays';

export const FRAME_MENU_ID = 'moodreel-read-frame';
/** The overlay content script as WXT builds it. */
const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

export function setUpFrameMenu(): void {
  if (!browser.contextMenus) return;
  forgetClosedPageOnLeaving();
  // Menus persist across worker restarts; creating them again on install/update only.
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus.removeAll().then(() =>
      browser.contextMenus.create({
        id: FRAME_MENU_ID,
        title: browser.i18n.getMessage('menuReadFrame'),
        contexts: ['video', 'image'],
      }),
    );
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== FRAME_MENU_ID || tab?.id === undefined) return;
    readFrame(info, tab).catch((error: unknown) => console.warn('Moodreel: could not read this frame', error));
  });
}

async function readFrame(info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab): Promise<void> {
  const tabId = tab.id!;
  const frameId = info.frameId ?? 0;
  const ask = overlayIn(tabId, 0);
  const alive = await ask({ type: 'overlay:ping' }).then(
    () => true,
    () => false,
  );
  if (!alive) {
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [OVERLAY_SCRIPT] });
    } catch (error) {
      // Nothing can be shown on a page the browser keeps Moodreel out of: the toolbar button tells why.
      console.warn('Moodreel: this page is closed to Moodreel', error);
      await tellClosedPage(tabId, closedPageProblem(info.pageUrl ?? tab.url, !import.meta.env.FIREFOX));
      return;
    }
  }
  await ask({
    type: 'overlay:read-frame',
    srcUrl: info.srcUrl ?? null,
    mediaType: info.mediaType === 'image' ? 'image' : 'video',
    inFrame: frameId === 0 ? null : { frameId, url: info.frameUrl ?? null },
  });
}
