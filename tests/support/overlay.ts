/** Reaching into the overlay's (open) shadow root from a page under test. */
import type { Page } from 'puppeteer';

export const OVERLAY = 'moodreel-overlay';

/** A selector for an element inside the overlay's shadow root. */
export const inOverlay = (selector: string) => `${OVERLAY} >>> ${selector}`;

/** Waits for an element inside the overlay's shadow root (polled: shadow-root changes fire no page mutations). */
export async function waitInOverlay(page: Page, selector: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (sel) => Boolean(document.querySelector('moodreel-overlay')?.shadowRoot?.querySelector(sel)),
    { timeout, polling: 100 },
    selector,
  );
}
