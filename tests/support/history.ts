/** The popup's History as the e2e tests use it, in Chromium and Firefox alike. */
import type { Page } from 'puppeteer';

/**
 * Forgets the one check History lists (Forget, then the confirmation) and goes back to the Mood view, which shows its
 * empty hint once the forgotten check has left it.
 */
export async function forgetOnlyCheck(page: Page): Promise<void> {
  await page.click('[data-testid="tab-history"]');
  await page.waitForSelector('[data-testid="history-entry"]');
  await page.click('[data-testid="history-forget"]');
  await page.click('[data-testid="history-forget-confirm"]');
  await page.waitForSelector('[data-testid="history-empty"]');
  await page.click('[data-testid="tab-mood"]');
  await page.waitForSelector('[data-testid="idle-hint"]', { visible: true });
}
