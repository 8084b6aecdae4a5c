import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cropRect, inView, isBlankFrame, onScreen } from '../../models/image/frame';
import { registeredSites, siteForHost } from '../../models/sites';
import { isPlayerSized, SITE_IDS, streamsOnSite, tidyTitle } from '../../models/sites/site';
import { servicesToName } from '../../models/tmdb/streams';

describe('site adapters', () => {
  const sites = registeredSites();

  it('registers every site once, each with selectors, https match patterns and a search link', () => {
    expect(sites.map((s) => s.id).sort()).toEqual([...SITE_IDS].sort());
    for (const s of sites.filter((x) => x.id !== 'generic')) {
      expect(s.selectors.player.length, s.id).toBeGreaterThan(0);
      expect(s.selectors.video.length, s.id).toBeGreaterThan(0);
      expect(s.selectors.title.length, s.id).toBeGreaterThan(0);
      for (const m of s.matches) expect(m).toMatch(/^https:\/\/[a-z0-9.-]+\/([a-z0-9/]+\/)?\*$/);
      for (const h of s.hosts)
        expect(
          s.matches.some((m) => m.startsWith(`https://${h}/`)),
          h,
        ).toBe(true);
    }
    for (const s of sites) expect(new URL(s.searchUrl('Up 2009')).protocol).toBe('https:');
  });

  it('has a fixture page of the markup each site expects', () => {
    for (const site of registeredSites())
      expect(existsSync(resolve('tests/fixtures/sites', `${site.id}.html`)), site.id).toBe(true);
  });

  it('claims no host twice and only named hosts (the generic adapter claims none)', () => {
    const hosts = sites.flatMap((s) => s.hosts);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(sites.find((s) => s.id === 'generic')!.matches).toEqual([]);
  });

  it('finds the adapter for a host, else the generic one', () => {
    expect(siteForHost('www.netflix.com')?.id).toBe('netflix');
    expect(siteForHost('WWW.YOUTUBE.COM')?.id).toBe('youtube');
    expect(siteForHost('play.hbomax.com')?.id).toBe('max');
    // Prime Video inside the Amazon shops of the product's languages, and there only under /gp/video.
    const prime = sites.find((s) => s.id === 'prime')!;
    for (const shop of ['www.amazon.com', 'www.amazon.de', 'www.amazon.fr', 'www.amazon.es', 'www.amazon.co.jp']) {
      expect(siteForHost(shop)?.id, shop).toBe('prime');
      expect(prime.matches, shop).toContain(`https://${shop}/gp/video/*`);
      expect(prime.matches, shop).not.toContain(`https://${shop}/*`);
    }
    // Its name from 2023 to July 2025, still answering for older links.
    expect(siteForHost('play.max.com')?.id).toBe('max');
    expect(siteForHost('netflix.com.evil.example')?.id).toBe('generic');
  });

  it('cleans page titles and encodes search queries', () => {
    expect(tidyTitle('  Paddington   | Netflix ', ['Netflix'])).toBe('Paddington');
    expect(tidyTitle('Up - YouTube', ['YouTube'])).toBe('Up');
    expect(tidyTitle('Disney+ Days', ['Disney+'])).toBe('Disney+ Days');
    expect(siteForHost('www.netflix.com')!.searchUrl('Amélie & Co')).toBe(
      'https://www.netflix.com/search?q=Am%C3%A9lie%20%26%20Co',
    );
    const hbo = siteForHost('play.max.com')!;
    expect([hbo.name, hbo.searchUrl('Up')]).toEqual(['HBO Max', 'https://play.hbomax.com/search?q=Up']);
    expect(hbo.cleanTitle('Mad Max: Fury Road • HBO Max')).toBe('Mad Max: Fury Road');
  });

  it('knows each service by the names TMDB lists its offers under, and says nothing where it cannot know', () => {
    const site = (id: string) => sites.find((s) => s.id === id)!;
    const cases: [string, string[], boolean][] = [
      ['netflix', ['Netflix basic with Ads'], true],
      ['netflix', ['Hulu', 'Netflix'], true],
      ['netflix', ['Not Netflix'], false],
      ['prime', ['Amazon Prime Video with Ads'], true],
      ['prime', ['Amazon Video'], false],
      ['disney', ['Disney Plus'], true],
      ['disney', ['Disney+'], true],
      ['hulu', ['Hulu'], true],
      ['max', ['HBO Max'], true],
      ['max', ['Max Amazon Channel'], true],
      ['max', ['Maxdome'], false],
      ['youtube', ['YouTube Premium'], true],
      ['youtube', [], false],
    ];
    for (const [id, offers, there] of cases) expect(streamsOnSite(site(id), offers), `${id} ${offers}`).toBe(there);
    // Not asked (no TMDB key), or a site that is no one service.
    expect(streamsOnSite(site('netflix'), undefined)).toBeNull();
    expect(streamsOnSite(site('generic'), ['Netflix'])).toBeNull();
  });

  it('names each service once, in TMDB’s order, two at most, and counts the rest', () => {
    expect(servicesToName(['Netflix', 'Netflix basic with Ads', 'Max', 'Max Amazon Channel'])).toEqual({
      names: ['Netflix', 'Max'],
      more: 0,
    });
    expect(servicesToName(['Hulu', 'Disney Plus', 'Amazon Prime Video', 'Apple TV Plus'])).toEqual({
      names: ['Hulu', 'Disney Plus'],
      more: 2,
    });
    expect(servicesToName(['Hulu', 'Disney Plus'])).toEqual({ names: ['Hulu', 'Disney Plus'], more: 0 });
    expect(servicesToName(['Mubi', 'Mubi'])).toEqual({ names: ['Mubi'], more: 0 });
    // The user's own services first, then TMDB's order.
    const prime = sites.find((x) => x.id === 'prime')!;
    expect(
      servicesToName(['Hulu', 'Disney Plus', 'Amazon Prime Video with Ads', 'Amazon Prime Video'], (name) =>
        prime.providers!.test(name),
      ),
    ).toEqual({ names: ['Amazon Prime Video', 'Hulu'], more: 1 });
    expect(servicesToName([])).toEqual({ names: [], more: 0 });
  });

  it('treats only player-sized videos as players', () => {
    expect(isPlayerSized({ width: 640, height: 360 })).toBe(true);
    expect(isPlayerSized({ width: 300, height: 169 })).toBe(false);
  });
});

describe('frame helpers', () => {
  const pixels = (fn: (i: number) => number) =>
    Uint8ClampedArray.from({ length: 64 * 4 }, (_, k) => (k % 4 === 3 ? 255 : fn(k >> 2)));

  it('tells a black frame from a dark but real one', () => {
    expect(isBlankFrame(pixels(() => 0))).toBe(true);
    expect(isBlankFrame(pixels(() => 10))).toBe(true);
    expect(isBlankFrame(pixels((i) => (i % 2 ? 0 : 60)))).toBe(false); // dark scene with detail
    expect(isBlankFrame(pixels(() => 120))).toBe(false);
    expect(isBlankFrame(new Uint8ClampedArray(0))).toBe(true);
  });

  it('maps an element box to screenshot pixels at any device pixel ratio, clipped to the shot', () => {
    expect(
      cropRect({ x: 10, y: 20, width: 100, height: 50 }, { width: 800, height: 600 }, { width: 1600, height: 1200 }),
    ).toEqual({
      x: 20,
      y: 40,
      width: 200,
      height: 100,
    });
    expect(
      cropRect({ x: -50, y: 500, width: 200, height: 300 }, { width: 800, height: 600 }, { width: 800, height: 600 }),
    ).toEqual({
      x: 0,
      y: 500,
      width: 150,
      height: 100,
    });
    expect(
      cropRect({ x: 900, y: 0, width: 100, height: 100 }, { width: 800, height: 600 }, { width: 800, height: 600 }),
    ).toBeNull();
  });

  it('tells what a screenshot shows of a video, in CSS px of the viewport', () => {
    const viewport = { width: 800, height: 600 };
    expect(onScreen({ box: { x: -50, y: 500, width: 200, height: 300 }, viewport })).toEqual({
      x: 0,
      y: 500,
      width: 150,
      height: 100,
    });
    expect(onScreen({ box: { x: 10, y: 20, width: 100, height: 50 }, viewport })).toEqual({
      x: 10,
      y: 20,
      width: 100,
      height: 50,
    });
    expect(onScreen({ box: { x: 900, y: 0, width: 100, height: 100 }, viewport })).toBeNull();
  });

  it('tells a video in view from one scrolled away, and a player larger than the window from both', () => {
    const viewport = { width: 1280, height: 800 };
    const player = { width: 960, height: 540 };
    expect(inView({ box: { x: 0, y: 56, ...player }, viewport })).toBe(true);
    // Scrolled up: read while half of it shows, refused at a third, and at a strip.
    expect(inView({ box: { x: 0, y: -250, ...player }, viewport })).toBe(true);
    expect(inView({ box: { x: 0, y: -360, ...player }, viewport })).toBe(false);
    expect(inView({ box: { x: 0, y: -500, ...player }, viewport })).toBe(false);
    expect(inView({ box: { x: 0, y: 900, ...player }, viewport })).toBe(false);
    // Filling the window though cut by the page: in view.
    expect(inView({ box: { x: -640, y: -400, width: 2560, height: 1600 }, viewport })).toBe(true);
  });
});
