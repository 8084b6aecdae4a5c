/** The one typed client every extension page and the overlay use to ask the background. */
import { browser } from 'wxt/browser';
import type { BackgroundApi } from '../../models/protocol';
import { createClient } from '../../models/messaging';

export const askBackground = createClient<BackgroundApi>((message) => browser.runtime.sendMessage(message));
