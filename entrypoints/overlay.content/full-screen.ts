/**
 * A page in full screen draws only its full-screen element and what is stacked above it in the top layer, and
 * Chromium makes everything outside that element inert. So the overlay is placed on the player that element holds (or
 * is), and its host goes inside that element, or, where it can hold no children (the video itself), above it.
 */
import { innermost } from '../shared/page-video';

/**
 * The player the user sees: in full screen, the page's player when the full-screen element holds it (a site's
 * container, or the whole page), else the full-screen element when it plays a video, else none.
 */
export function playerShown(player: Element | null): Element | null {
  const full = fullScreenElement();
  if (!full || (player && holds(full, player))) return player;
  return full instanceof HTMLVideoElement || full.querySelector('video') || full.shadowRoot?.querySelector('video')
    ? full
    : null;
}

/**
 * The element shown full screen: inside a shadow root too, where a player built of custom elements makes its own
 * container or video full screen.
 */
const fullScreenElement = () => innermost((root) => root.fullscreenElement);

/** Whether `outer` is or holds `inner`, across shadow roots. */
function holds(outer: Element, inner: Element): boolean {
  for (let node: Node | null = inner; node; node = node instanceof ShadowRoot ? node.host : node.parentNode)
    if (node === outer) return true;
  return false;
}

/** Elements whose children are never drawn (their own picture is), so the host cannot be shown inside them. */
const SHOWS_NO_CHILDREN = ['VIDEO', 'CANVAS', 'IMG', 'IFRAME', 'EMBED', 'OBJECT'];

/**
 * Puts the host where the user can see it: inside the full-screen element (seen and usable there), or above a video
 * made full screen as a manual popover (seen, not usable: Chromium makes it inert; a page's full screen never closes
 * a manual popover, and the top layer stacks in the order elements enter it), or back in the page. Called on each
 * change of full screen and after each mount; `home` is where the page keeps it otherwise.
 */
export function followFullScreen(host: HTMLElement, home: Element): void {
  const full = fullScreenElement();
  if (host.matches(':popover-open')) host.hidePopover();
  host.removeAttribute('popover');
  if (full && !SHOWS_NO_CHILDREN.includes(full.tagName)) {
    // A custom element draws its shadow tree, where a child of its own is not drawn unless slotted: the host goes there.
    const into = full.shadowRoot ?? full;
    if (host.parentNode !== into) into.append(host);
    return;
  }
  if (host.parentNode !== home) home.append(host);
  if (full) {
    host.setAttribute('popover', 'manual');
    host.showPopover();
  }
}
