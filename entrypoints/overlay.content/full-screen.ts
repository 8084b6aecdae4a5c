/**
 * A page in full screen draws only its full-screen element and what is stacked above it in the top layer, and
 * Chromium makes everything outside that element inert. So the overlay is placed on the player that element holds (or
 * is), and its host goes inside that element, or, where it can hold no children (the video itself), above it.
 */

/**
 * The player the user sees: in full screen, the page's player when the full-screen element holds it (a site's
 * container, or the whole page), else the full-screen element when it plays a video, else none.
 */
export function playerShown(player: Element | null): Element | null {
  const full = document.fullscreenElement;
  if (!full || (player && full.contains(player))) return player;
  return full instanceof HTMLVideoElement || full.querySelector('video') ? full : null;
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
  const full = document.fullscreenElement;
  if (host.matches(':popover-open')) host.hidePopover();
  host.removeAttribute('popover');
  if (full && !SHOWS_NO_CHILDREN.includes(full.tagName)) {
    if (host.parentElement !== full) full.append(host);
    return;
  }
  if (host.parentElement !== home) home.append(host);
  if (full) {
    host.setAttribute('popover', 'manual');
    host.showPopover();
  }
}
