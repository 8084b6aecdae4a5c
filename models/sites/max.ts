import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/max.html, the /video/watch/<id> page (data-testid="player-*").
 */
export default defineSite({
  id: 'max',
  // Max took its old name back in July 2025; play.max.com still answers for older links and bookmarks.
  name: 'HBO Max',
  hosts: ['play.hbomax.com', 'play.max.com'],
  matches: ['https://play.hbomax.com/*', 'https://play.max.com/*'],
  selectors: {
    player: ['[data-testid="player-container"]', '#layer-root-player-screen'],
    video: ['[data-testid="player-container"] video', '#layer-root-player-screen video'],
    title: ['[data-testid="player-ux-asset-title"]', '[data-testid="player-ux-title"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['HBO Max', 'Max']),
  searchUrl: (q) => `https://play.hbomax.com/search?q=${encodeQuery(q)}`,
  providers: /^(HBO )?Max\b/i,
});
