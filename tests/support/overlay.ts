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

/**
 * Waits until the overlay shows `selector` and the same elements stay there for a moment: a panel that has just
 * opened may still redraw its list once.
 */
export async function settledInOverlay(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const w = window as unknown as { __moodreelSettle?: { key: string; since: number } };
      const found = [...(document.querySelector('moodreel-overlay')?.shadowRoot?.querySelectorAll(sel) ?? [])];
      const key = found.map((el) => el.closest('[data-movie-id]')?.getAttribute('data-movie-id') ?? '').join(',');
      if (found.length === 0) return false;
      if (w.__moodreelSettle?.key !== key) w.__moodreelSettle = { key, since: Date.now() };
      return Date.now() - w.__moodreelSettle.since >= 500;
    },
    { timeout, polling: 100 },
    selector,
  );
}

/** Waits until the overlay's element `testId` reads `text`, trimmed (polled: shadow-root changes fire no mutations). */
export const overlayReads = (page: Page, testId: string, text: string, timeout = 15_000) =>
  page.waitForFunction(
    (id, expected) =>
      document
        .querySelector('moodreel-overlay')
        ?.shadowRoot?.querySelector(`[data-testid="${id}"]`)
        ?.textContent?.trim() === expected,
    { timeout, polling: 100 },
    testId,
    text,
  );

/**
 * Whether the user sees the element `selector` finds inside the overlay's shadow root (wherever the overlay is, in the
 * page or in another shadow root): the topmost element at its centre, followed down the shadow roots (each hit test
 * names only the outermost host), is the overlay (a full screen shows only the element made full screen, and what is
 * stacked above it).
 */
export const seenAt = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false;
    const host = (el.getRootNode() as ShadowRoot).host;
    for (let hit = document.elementFromPoint(x, y); hit;) {
      if (hit === host) return true;
      const inner = hit.shadowRoot?.elementFromPoint(x, y);
      if (!inner || inner === hit) return false;
      hit = inner;
    }
    return false;
  });

/** Whether the user sees the overlay's `selector` (see seenAt), the overlay being in the page. */
export const seenInOverlay = (page: Page, selector: string) => seenAt(page, inOverlay(selector));

/** Whether the overlay's `selector` is drawn: the window's pixels there change when the overlay is hidden. */
export async function drawnInOverlay(page: Page, selector: string): Promise<boolean> {
  const clip = await (await page.$(inOverlay(selector)))?.boundingBox();
  if (!clip) throw new Error(`${selector} is not in the overlay, or has no box`);
  const shot = () => page.screenshot({ clip, encoding: 'base64' });
  const shown = await shot();
  await page.$eval(OVERLAY, (host) => ((host as HTMLElement).style.visibility = 'hidden'));
  const hidden = await shot();
  await page.$eval(OVERLAY, (host) => (host as HTMLElement).style.removeProperty('visibility'));
  return shown !== hidden;
}

/**
 * Players the open panel must show films in, not only its controls: YouTube's default player in a 1280-px window
 * (the first pick whole) and a small embed (the first pick's title, facts and reason).
 */
export const PLAYER_SIZES = { youtubeDefault: { width: 854, height: 480 }, smallEmbed: { width: 640, height: 360 } };

/**
 * The fixture's player resized to `size`, its panel open and placed for it (the panel ends above the player's
 * controls): where the first pick's title and its whole card end, and where the panel ends, in px from the panel's
 * top.
 */
export async function firstPickInPanel(
  page: Page,
  size: { width: number; height: number },
): Promise<{ titleBottom: number; reasonBottom: number; pickBottom: number; panelBottom: number }> {
  await page.$eval(
    '[data-fixture-player]',
    (player, w, h) => Object.assign((player as HTMLElement).style, { width: `${w}px`, height: `${h}px` }),
    size.width,
    size.height,
  );
  await page.waitForFunction(
    () => {
      const panel = document
        .querySelector('moodreel-overlay')
        ?.shadowRoot?.querySelector('[data-testid="overlay-panel"]');
      const player = document.querySelector('[data-fixture-player]')!.getBoundingClientRect();
      return panel && panel.getBoundingClientRect().bottom <= player.bottom - 48;
    },
    { timeout: 10_000, polling: 100 },
  );
  return page.$eval(inOverlay('[data-testid="overlay-panel"]'), (panel) => {
    const top = panel.getBoundingClientRect().top;
    const below = (el: Element | null) => Math.round(el!.getBoundingClientRect().bottom - top);
    const pick = panel.querySelector('[data-testid="pick"]');
    return {
      titleBottom: below(pick!.querySelector('.pick-title')),
      reasonBottom: below(pick!.querySelector('[data-testid="pick-reason"]')),
      pickBottom: below(pick),
      panelBottom: below(panel),
    };
  });
}
