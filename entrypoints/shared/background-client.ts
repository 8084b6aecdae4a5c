/** The one typed client every extension page and the overlay use to ask the background. */
import browser from 'webextension-polyfill';
import { createClient, type BackgroundApi } from '../../models/protocol';

export const askBackground = createClient<BackgroundApi>((message) => browser.runtime.sendMessage(message));
