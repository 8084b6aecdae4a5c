/**
 * The popup's pick list as the e2e tests read it (the overlay's, in its shadow root, is read through
 * support/overlay.ts).
 */
import type { Page } from 'puppeteer';

/** The movie ids of the picks shown, in order; none while a new list is coming (the last one waits in view). */
export const pickIds = (page: Page): Promise<number[]> =>
  page.$$eval('[data-testid="picks"]:not([aria-busy="true"]) [data-testid="pick"]', (els) =>
    els.map((e) => Number(e.getAttribute('data-movie-id'))),
  );

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

/** The most a toolbar popup may be tall in Chrome. */
export const POPUP_MAX_HEIGHT = 600;

/**
 * Where the first pick is (CSS px from the top) in the popup at its tallest, scrolled to the top: whole on the first
 * screen when its bottom is at most POPUP_MAX_HEIGHT. The popup's size is put back after.
 */
export const firstPickOnFirstScreen = (page: Page) => onFirstScreen(page, '[data-testid="pick"]');

/** Where the first element `selector` finds is in the popup at its tallest, scrolled to the top (as above). */
export async function onFirstScreen(page: Page, selector: string): Promise<{ top: number; bottom: number }> {
  const size = page.viewport();
  await page.setViewport({ width: size?.width ?? 392, height: POPUP_MAX_HEIGHT });
  try {
    await page.evaluate(() => window.scrollTo(0, 0));
    return await page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
  } finally {
    if (size) await page.setViewport(size);
  }
}

/** The pick with the longest title (the one most likely to wrap a sentence that names it). */
export const longestTitledPick = (page: Page): Promise<number> =>
  page.$$eval('[data-testid="pick"]', (cards) => {
    const length = (card: Element) => card.querySelector('.pick-title')!.textContent!.length;
    return Number(cards.reduce((a, b) => (length(b) > length(a) ? b : a)).getAttribute('data-movie-id'));
  });

/**
 * A sentence with its button after it (`selector` the line holding both, the sentence first): how many lines the
 * sentence takes, and whether the button stands clear of them, beside a sentence of one line or under a longer one,
 * rather than at the end of its last line, where the button's height parts the lines.
 */
export const buttonAfterSentence = (page: Page, selector: string): Promise<{ lines: number; clear: boolean }> =>
  page.$eval(selector, (line) => {
    const sentence = document.createRange();
    sentence.selectNodeContents(line.firstChild!);
    const lines = new Set([...sentence.getClientRects()].map((r) => Math.round(r.top))).size;
    const button = line.querySelector('button')!.getBoundingClientRect();
    return { lines, clear: lines === 1 || button.top >= sentence.getBoundingClientRect().bottom - 1 };
  });
