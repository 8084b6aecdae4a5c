/**
 * The popup's pick list as the e2e tests read it (the overlay's, in its shadow root, is read through
 * support/overlay.ts).
 */
import type { Page } from 'puppeteer';

/** The movie ids of the picks shown, in order. */
export const pickIds = (page: Page): Promise<number[]> =>
  page.$$eval('[data-testid="pick"]', (els) => els.map((e) => Number(e.getAttribute('data-movie-id'))));

/** Waits until ten picks are shown and they are not `before` (in order): the list was ranked again. */
export async function otherPicks(page: Page, before: readonly number[], timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (ids: number[]) => {
      const now = [...document.querySelectorAll('[data-testid="pick"]')].map((e) =>
        Number(e.getAttribute('data-movie-id')),
      );
      return now.length === 10 && now.join() !== ids.join();
    },
    { timeout },
    [...before],
  );
}
