import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/max.html, the /video/watch/<id> page (data-testid="player-*").
 */
export default defineSite({
  id: 'max',
  name: 'Max',
  hosts: ['play.max.com', 'play.hbomax.com'],
  matches: ['https://play.max.com/*', 'https://play.hbomax.com/*'],
  selectors: {
    player: ['[data-testid="player-container"]', '#layer-root-player-screen'],
    video: ['[data-testid="player-container"] video', '#layer-root-player-screen video'],
    title: ['[data-testid="player-ux-asset-title"]', '[data-testid="player-ux-title"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['Max', 'HBO Max']),
  searchUrl: (q) => `https://play.max.com/search?q=${encodeQuery(q)}`,
});
