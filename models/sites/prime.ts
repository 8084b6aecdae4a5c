import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/prime.html, the detail page with the web player SDK overlay
 * (#dv-web-player).
 */
export default defineSite({
  id: 'prime',
  name: 'Prime Video',
  // Prime Video also plays inside amazon.com (under /gp/video) in many regions; nowhere else on amazon.com.
  hosts: ['www.primevideo.com', 'www.amazon.com'],
  matches: ['https://www.primevideo.com/*', 'https://www.amazon.com/gp/video/*'],
  selectors: {
    player: ['#dv-web-player', '.webPlayerSDKContainer'],
    video: ['.webPlayerSDKContainer video', '#dv-web-player video'],
    title: ['.atvwebplayersdk-title-text', '[data-automation-id="title"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['Prime Video']),
  searchUrl: (q) => `https://www.primevideo.com/search?phrase=${encodeQuery(q)}`,
});
