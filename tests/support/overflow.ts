import type { Page } from 'puppeteer';

/**
 * Visible boxes whose content is wider than the box (text running out, or cut off; an empty field's hint too) where the
 * box is not meant to scroll or end in an ellipsis, and a page wider than its window. With `shadowHost`, the boxes
 * inside that element's (open) shadow root instead, e.g. the overlay on a site's page.
 */
export function overflowing(page: Page, shadowHost?: string): Promise<string[]> {
  return page.evaluate((host) => {
    const found: string[] = [];
    const root = host ? document.querySelector(host)?.shadowRoot : document.body;
    if (!root) return [`no ${host} on the page`];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      if (style.display === 'inline' || el.clientWidth === 0 || el.getClientRects().length === 0) continue;
      if (['auto', 'scroll'].includes(style.overflowX) || style.textOverflow === 'ellipsis') continue;
      // Clipped away on purpose: text for screen readers only (`.visually-hidden`).
      if (style.clip !== 'auto' || style.clipPath !== 'none') continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        found.push(`${el.tagName.toLowerCase()}.${el.className}: "${el.textContent!.trim().slice(0, 60)}"`);
      }
      // An empty field's hint cut off (a placeholder is never scrolled: its width is measured as drawn).
      if (el instanceof HTMLInputElement && el.placeholder && !el.value) {
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = style.font;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (context.measureText(el.placeholder).width > room + 1) found.push(`input: hint "${el.placeholder}" cut off`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page scrolls sideways');
    return found;
  }, shadowHost);
}
