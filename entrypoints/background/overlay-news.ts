/**
 * Tells the overlays in open tabs that what they show changed elsewhere (the latest mood check, the user's marks), so
 * a panel open beside a film follows what is done in the popup over it. Tabs without the overlay refuse the message;
 * that is expected and not an error.
 */
import { browser } from 'wxt/browser';
import type { OverlayApi, OverlayChange } from '../../models/protocol';
import { createClient } from '../../models/messaging';

export function tellOverlays(what: OverlayChange): void {
  void browser.tabs
    .query({})
    .then((tabs) => {
      for (const { id } of tabs) {
        if (id === undefined) continue;
        const ask = createClient<OverlayApi>((message) => browser.tabs.sendMessage(id, message));
        ask({ type: 'overlay:changed', what }).catch(() => undefined);
      }
    })
    .catch((error: unknown) => console.warn('Moodreel: overlays not told of a change', error));
}
