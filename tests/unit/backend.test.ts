import { describe, expect, it } from 'vitest';
import { backendOrder, isSoftwareRenderer } from '../../models/face/backend';
import { fitWithin } from '../../models/face/config';
import { migrateSettings, DEFAULT_SETTINGS } from '../../models/settings';

describe('backendOrder', () => {
  it('uses WebGL only on a real GPU', () => {
    expect(backendOrder('auto', 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toEqual([
      'webgl',
      'wasm',
      'cpu',
    ]);
    expect(
      backendOrder('auto', 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'),
    ).toEqual(['wasm', 'cpu']);
    expect(backendOrder('auto', 'llvmpipe (LLVM 15.0.6, 256 bits)')).toEqual(['wasm', 'cpu']);
    expect(backendOrder('auto', null)).toEqual(['wasm', 'cpu']);
  });

  it('tries a named backend alone', () => {
    expect(backendOrder('cpu', 'NVIDIA')).toEqual(['cpu']);
  });

  it('recognises software renderers', () => {
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });
});

describe('fitWithin', () => {
  it('downscales the longer side and never upscales', () => {
    expect(fitWithin(8000, 5000, 1600)).toEqual({ width: 1600, height: 1000 });
    expect(fitWithin(640, 480, 1600)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(0, 0, 1600)).toEqual({ width: 1, height: 1 });
  });
});

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
    expect(migrateSettings({ tmdbBaseUrl: 'http://127.0.0.1:8080' }).tmdbBaseUrl).toBe('http://127.0.0.1:8080');
    expect(migrateSettings({ tmdbBaseUrl: 'http://evil.example' }).tmdbBaseUrl).toBe(DEFAULT_SETTINGS.tmdbBaseUrl);
  });
});
