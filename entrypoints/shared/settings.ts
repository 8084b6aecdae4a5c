import browser from 'webextension-polyfill';
import { migrateSettings, type Settings } from '../../models/settings';

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return migrateSettings(stored[KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: settings });
}

/** Forgets the settings (the privacy page's "delete everything"): defaults apply from then on. */
export async function clearSettings(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
