import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * Where Amazon has a shop, Prime Video plays inside it, under /gp/video (and the overlay runs nowhere else there):
 * the shops of the product's languages' markets (en, de, fr, es, ja) and their neighbours.
 */
const AMAZON_SHOPS = [
  'www.amazon.com',
  'www.amazon.co.uk',
  'www.amazon.ca',
  'www.amazon.de',
  'www.amazon.fr',
  'www.amazon.it',
  'www.amazon.es',
  'www.amazon.co.jp',
];

/**
 * The markup this adapter expects: tests/fixtures/sites/prime.html, the detail page with the web player SDK overlay
 * (#dv-web-player).
 */
export default defineSite({
  id: 'prime',
  name: 'Prime Video',
  hosts: ['www.primevideo.com', ...AMAZON_SHOPS],
  matches: ['https://www.primevideo.com/*', ...AMAZON_SHOPS.map((host) => `https://${host}/gp/video/*`)],
  selectors: {
    player: ['#dv-web-player', '.webPlayerSDKContainer'],
    video: ['.webPlayerSDKContainer video', '#dv-web-player video'],
    title: ['.atvwebplayersdk-title-text', '[data-automation-id="title"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['Prime Video']),
  searchUrl: (q) => `https://www.primevideo.com/search?phrase=${encodeQuery(q)}`,
  providers: /^Amazon Prime Video\b/i,
});
