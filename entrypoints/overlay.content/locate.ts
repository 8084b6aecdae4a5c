/**
 * Finds, through a site adapter's selectors, the player, its video and the title being watched. When a named
 * site's selectors find nothing but the page has a large video, the generic adapter takes over (logged once), so a
 * redesigned site still gets the overlay.
 */
import type { SiteAdapter } from '../../models/sites/site';
import { largestVideo } from '../shared/page-video';
import { playerShown } from './full-screen';

export interface Located {
  /** The adapter that matched: the site's own, or the generic fallback. */
  site: SiteAdapter;
  player: Element | null;
  video: HTMLVideoElement | null;
  title: string | null;
}

function first(selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (el) return el;
  }
  return null;
}

const warned = new Set<string>();

/** The player, its video and its title; in full screen, the player is what is drawn (see playerShown). */
export function locate(site: SiteAdapter, generic: SiteAdapter): Located {
  const found = locateInPage(site, generic);
  return { ...found, player: playerShown(found.player) };
}

function locateInPage(site: SiteAdapter, generic: SiteAdapter): Located {
  if (site.id !== 'generic') {
    const player = first(site.selectors.player);
    const video = first(site.selectors.video);
    if (player || video) {
      const raw = first(site.selectors.title)?.textContent ?? '';
      const title = site.cleanTitle(raw) || null;
      return { site, player: player ?? video, video: video instanceof HTMLVideoElement ? video : null, title };
    }
  }
  // Looked at each change of the page: a player in a shadow root is found within the walk's reuse.
  const video = largestVideo('reuse');
  if (site.id !== 'generic' && video && !warned.has(site.id)) {
    warned.add(site.id);
    console.info(`Moodreel: the ${site.name} player was not recognised; using the generic overlay.`);
  }
  return {
    site: video || site.id === 'generic' ? generic : site,
    player: video,
    video,
    title: video ? generic.cleanTitle(document.title) || null : null,
  };
}
