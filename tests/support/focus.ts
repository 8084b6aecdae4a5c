/** Where the keyboard's focus is, as the e2e tests wait for it (focus moves in a layout effect after a render). */
import type { Page } from 'puppeteer';

/**
 * Waits until the focused element matches `selector`; inside the shadow root of `host` when given (the overlay).
 * Times out (failing the test) when focus goes anywhere else.
 */
export async function waitForFocus(page: Page, selector: string, host?: string): Promise<void> {
  await page.waitForFunction(
    (sel: string, hostSel: string | null) => {
      const root = hostSel ? document.querySelector(hostSel)?.shadowRoot : document;
      return root?.activeElement?.matches(sel) ?? false;
    },
    { timeout: 5_000 },
    selector,
    host ?? null,
  );
}
