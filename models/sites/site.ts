/**
 * Site adapters for the companion overlay. Each streaming site is one file that calls `defineSite` with its data:
 * where it lives, which selectors find the player, the title being watched and the place for the badge, and how to
 * search it. Selectors are data (tried in order, first match wins) so fixtures can check them: each site's fixture
 * page, the markup it expects, is tests/fixtures/sites/<id>.html, described above the site's definition. The DOM work
 * that uses them lives at the edge (`entrypoints/overlay.content`).
 */

export const SITE_IDS = ['netflix', 'youtube', 'prime', 'disney', 'hulu', 'max', 'generic'] as const;
export type SiteId = (typeof SITE_IDS)[number];

export interface SiteSelectors {
  /** The player's outer box (the badge sits on its top-right corner). */
  player: readonly string[];
  /** The `<video>` inside the player. */
  video: readonly string[];
  /** The element whose text is the title being watched. */
  title: readonly string[];
}

export interface SiteAdapter {
  id: SiteId;
  /** The service's name, as users know it ("Watch on Netflix"). */
  name: string;
  /** Host names the adapter answers for (exact, lower case). */
  hosts: readonly string[];
  /** Content-script match patterns: the extension's only host permissions. Empty for the generic adapter. */
  matches: readonly string[];
  selectors: SiteSelectors;
  /** Title text as the page shows it → the movie's title (drops "| Netflix", episode numbers…). */
  cleanTitle: (raw: string) => string;
  /** A search on this service for a movie. */
  searchUrl: (query: string) => string;
  /**
   * TMDB's names for the service's subscription offers in its "where to watch" lists ("Netflix", "Netflix basic with
   * Ads"); null for a site that is no one service.
   */
  providers: RegExp | null;
}

const registry = new Map<SiteId, SiteAdapter>();

/** Registers an adapter (each site file calls this once) and returns it. */
export function defineSite(adapter: SiteAdapter): SiteAdapter {
  if (registry.has(adapter.id)) throw new Error(`Site ${adapter.id} is defined twice`);
  registry.set(adapter.id, adapter);
  return adapter;
}

export function registeredSites(): SiteAdapter[] {
  return [...registry.values()];
}

/** The adapter for a host name; the generic one when no named site claims it. */
export function siteForHost(host: string, sites: readonly SiteAdapter[] = registeredSites()): SiteAdapter | null {
  const h = host.toLowerCase();
  return sites.find((s) => s.hosts.includes(h)) ?? sites.find((s) => s.id === 'generic') ?? null;
}

/**
 * Whether a film streams on the site's service, by TMDB's subscription offers for it in the user's region: true or
 * false where those are known, null where they are not (no TMDB key, not fetched yet, a site that is no one service).
 */
export function streamsOnSite(
  site: Pick<SiteAdapter, 'providers'>,
  streams: readonly string[] | undefined,
): boolean | null {
  if (streams === undefined || site.providers === null) return null;
  const offers = site.providers;
  return streams.some((name) => offers.test(name));
}

/** Trims whitespace runs and the usual " | Service" / " - Service" suffixes page titles carry. */
export function tidyTitle(raw: string, suffixes: readonly string[] = []): string {
  let t = raw.replace(/\s+/g, ' ').trim();
  for (const s of suffixes) {
    const re = new RegExp(`\\s*[|\\-–—:•·]\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
    t = t.replace(re, '');
  }
  return t.trim();
}

/** The smallest size (CSS px) a video must have for the generic adapter to treat it as "the" player. */
export const MIN_PLAYER = { width: 320, height: 180 } as const;

export function isPlayerSized(rect: { width: number; height: number }): boolean {
  return rect.width >= MIN_PLAYER.width && rect.height >= MIN_PLAYER.height;
}

/** A search query in a URL. */
export const encodeQuery = encodeURIComponent;
