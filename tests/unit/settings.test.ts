import { describe, expect, it } from 'vitest';
import { migrateSettings, DEFAULT_SETTINGS } from '../../models/settings';

describe('migrateSettings', () => {
  it('fills defaults and drops invalid values', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettings({ detector: 'ssd' })).toEqual({ ...DEFAULT_SETTINGS, detector: 'ssd' });
    expect(migrateSettings({ detector: 'magic', version: 0 })).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts only plausible TMDB keys, regions and base URLs', () => {
    const key = '0123456789abcdef0123456789abcdef';
    expect(migrateSettings({ tmdbApiKey: ` ${key} `, tmdbRegion: 'FR' })).toMatchObject({
      tmdbApiKey: key,
      tmdbRegion: 'FR',
    });
    expect(migrateSettings({ tmdbApiKey: 'x y', tmdbRegion: 'france' })).toMatchObject({
      tmdbApiKey: '',
      tmdbRegion: 'US',
    });
    // Two letters that are no country's code (the UK's is GB).
    expect(migrateSettings({ tmdbRegion: 'UK' }).tmdbRegion).toBe('US');
    expect(migrateSettings({ tmdbBaseUrl: 'http://127.0.0.1:8080' }).tmdbBaseUrl).toBe('http://127.0.0.1:8080');
    expect(migrateSettings({ tmdbBaseUrl: 'http://evil.example' }).tmdbBaseUrl).toBe(DEFAULT_SETTINGS.tmdbBaseUrl);
  });
});
