import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/netflix.html, the /watch/<id> player view (data-uia
 * attributes).
 */
export default defineSite({
  id: 'netflix',
  name: 'Netflix',
  hosts: ['www.netflix.com'],
  matches: ['https://www.netflix.com/*'],
  selectors: {
    player: ['[data-uia="player"]', '.watch-video--player-view', '.watch-video'],
    video: ['[data-uia="video-canvas"] video', '.watch-video video'],
    // The player's title block holds the title in an <h4>, then episode spans.
    title: ['[data-uia="video-title"] h4', '[data-uia="video-title"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['Netflix']),
  searchUrl: (q) => `https://www.netflix.com/search?q=${encodeQuery(q)}`,
  providers: /^Netflix\b/i,
});
