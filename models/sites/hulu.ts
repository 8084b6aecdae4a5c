import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/hulu.html, the /watch/<id> page (#web-player-app,
 * PlayerMetadata).
 */
export default defineSite({
  id: 'hulu',
  name: 'Hulu',
  hosts: ['www.hulu.com'],
  matches: ['https://www.hulu.com/*'],
  selectors: {
    player: ['#web-player-app', '.ContentPlayer'],
    video: ['video.video-player', '#web-player-app video'],
    title: ['.PlayerMetadata__title', '[data-automationid="player-title"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['Hulu']),
  searchUrl: (q) => `https://www.hulu.com/search?q=${encodeQuery(q)}`,
  providers: /^Hulu\b/i,
});
