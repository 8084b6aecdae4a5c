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
  try {
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
  } catch (error) {
    // What the screen showed instead, for a failure that does not reproduce.
    const shown = await pickIds(page).catch(() => null);
    const notices = await page
      // Every notice (components/Notice.tsx) and field problem is an alert.
      .$$eval('[role="alert"]', (els) => els.map((e) => e.textContent?.trim()))
      .catch(() => null);
    throw new Error(
      `The picks did not change from ${JSON.stringify(before)}: shown ${JSON.stringify(shown)}, notices ${JSON.stringify(notices)}`,
      { cause: error },
    );
  }
}

/** Waits until the pick `id` has left the list and ten picks are shown again (another took its place). */
export async function pickReplaced(page: Page, id: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (gone: number) =>
      !document.querySelector(`[data-testid="pick"][data-movie-id="${gone}"]`) &&
      document.querySelectorAll('[data-testid="pick"]').length === 10,
    { timeout },
    id,
  );
}
