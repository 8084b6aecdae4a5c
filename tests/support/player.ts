/** What a user does to a page's player that a page may not do unasked: full screen, picture-in-picture. */
import type { Page } from 'puppeteer';

/** `selector`'s video played full screen, or in picture-in-picture, as at a user's click on the page's own button. */
async function atUserClick(page: Page, selector: string, way: 'full screen' | 'picture-in-picture'): Promise<void> {
  await page.evaluate(
    (sel, how) => {
      const button = Object.assign(document.createElement('button'), { textContent: how });
      button.dataset.userClick = '';
      button.style.cssText = 'position:fixed;left:0;bottom:0;z-index:1';
      button.onclick = () => {
        button.remove();
        // "host >>> video": the video inside the host's shadow root.
        const el = sel
          .split(' >>> ')
          .reduce<Element | Document>(
            (root, part) => ('shadowRoot' in root && root.shadowRoot ? root.shadowRoot : root).querySelector(part)!,
            document,
          ) as HTMLElement;
        void (how === 'full screen' ? el.requestFullscreen() : (el as HTMLVideoElement).requestPictureInPicture());
      };
      document.body.append(button);
    },
    selector,
    way,
  );
  await page.click('[data-user-click]');
}

/** `selector` made full screen by the user. */
export async function fullScreen(page: Page, selector: string): Promise<void> {
  await atUserClick(page, selector, 'full screen');
  await page.waitForFunction(() => document.fullscreenElement !== null);
}

/** The page's video (`selector`'s) played in picture-in-picture by the user. */
export async function inPictureInPicture(page: Page, selector = 'video'): Promise<void> {
  await atUserClick(page, selector, 'picture-in-picture');
  await page.waitForFunction(() => document.pictureInPictureElement !== null);
}
