/**
 * Tells the overlays in open tabs that the latest mood check changed, so a panel open beside a film follows a check
 * made in the popup over it. Tabs without the overlay refuse the message; that is expected and not an error.
 */
import { browser } from 'wxt/browser';
import type { OverlayApi } from '../../models/protocol';
import { createClient } from '../../models/messaging';

export function latestMoodChanged(): void {
  void browser.tabs
    .query({})
    .then((tabs) => {
      for (const { id } of tabs) {
        if (id === undefined) continue;
        const ask = createClient<OverlayApi>((message) => browser.tabs.sendMessage(id, message));
        ask({ type: 'overlay:mood-changed' }).catch(() => undefined);
      }
    })
    .catch((error: unknown) => console.warn('Moodreel: overlays not told of the new mood', error));
}
