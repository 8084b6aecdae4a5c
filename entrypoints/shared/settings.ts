/**
 * The settings in extension storage: one WXT storage item per setting (`local:setting.<name>`, versioned), so the
 * popup, the options page and the overlay each write only what they change and never undo another's change. What a
 * valid value is lives in models/settings.ts; every read goes through `migrateSettings`.
 *
 * Before this, all settings were one blob under `local:settings`, saved whole by whoever changed anything (the last
 * save won). The first read that finds that blob moves every value into its item and removes the blob.
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, migrateSettings, type Settings } from '../../models/settings';
import { defaultRegion } from '../../models/region/region';

export type SettingName = Exclude<keyof Settings, 'version'>;

const NAMES = Object.keys(DEFAULT_SETTINGS).filter((k): k is SettingName => k !== 'version');
const LEGACY_KEY = 'local:settings';
/** The storage key prefix of every setting item. */
const SETTING_KEY_PREFIX = 'setting.';

const items = Object.fromEntries(
  NAMES.map((name) => [name, storage.defineItem<unknown>(`local:${SETTING_KEY_PREFIX}${name}`, { version: 1 })]),
) as Record<SettingName, WxtStorageItem<unknown, Record<string, unknown>>>;

/** Moves the settings blob of older versions into the items, once (its values are the user's latest). */
async function moveLegacyBlob(): Promise<void> {
  const legacy = await storage.getItem<unknown>(LEGACY_KEY);
  if (legacy === null) return;
  const valid = migrateSettings(legacy);
  await storage.setItems(NAMES.map((name) => ({ item: items[name], value: valid[name] })));
  await storage.removeItem(LEGACY_KEY);
}

export async function loadSettings(): Promise<Settings> {
  await moveLegacyBlob();
  const values = await storage.getItems(NAMES.map((name) => items[name]));
  const stored: Record<string, unknown> = {};
  values.forEach(({ value }, i) => {
    if (value !== null) stored[NAMES[i]!] = value;
  });
  // A region never chosen is where the device's clock is set, else where the browser's language is spoken.
  return migrateSettings(stored, () =>
    defaultRegion(Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language),
  );
}

/** Saves one setting, alone (validated: an invalid value saves the default). */
export async function saveSetting<K extends SettingName>(name: K, value: Settings[K]): Promise<Settings[K]> {
  const valid = migrateSettings({ ...DEFAULT_SETTINGS, [name]: value })[name];
  await items[name].setValue(valid);
  return valid;
}

/**
 * Saves what differs between two copies of the settings, each changed setting in one write of its own (a page may
 * close right after; the page keeps its copy fresh with `watchSettings`).
 */
export async function saveChanges(before: Settings, after: Settings): Promise<void> {
  const changed = NAMES.filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
  if (changed.length > 0) await storage.setItems(changed.map((name) => ({ item: items[name], value: after[name] })));
}

/**
 * Runs a settings write; refused (a full storage), `show` gets the settings as they are stored, so no control keeps
 * showing a change that was not kept, and the error goes on to the caller, which says so.
 */
export async function savedOrStored(write: () => Promise<unknown>, show: (stored: Settings) => void): Promise<void> {
  try {
    await write();
  } catch (error) {
    show(await loadSettings());
    throw error;
  }
}

/** Saves every setting at once (an import of exported data). */
export async function saveSettings(settings: Settings): Promise<void> {
  const valid = migrateSettings(settings);
  await storage.setItems(NAMES.map((name) => ({ item: items[name], value: valid[name] })));
}

/** Forgets the settings (the privacy page's "delete everything"): defaults apply from then on. */
export async function clearSettings(): Promise<void> {
  await storage.removeItems([
    LEGACY_KEY,
    ...NAMES.map((name) => ({ item: items[name], options: { removeMeta: true } })),
  ]);
}

/** Calls `onChange` whenever any setting changes (in any context). */
export function watchSettings(onChange: () => void): () => void {
  const unwatch = [...NAMES.map((name) => items[name].watch(onChange)), storage.watch(LEGACY_KEY, onChange)];
  return () => unwatch.forEach((u) => u());
}
