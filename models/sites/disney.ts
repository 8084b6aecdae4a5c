import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/disney.html, the /play/<id> page (disney-web-player, btm-
 * media-* classes).
 */
export default defineSite({
  id: 'disney',
  name: 'Disney+',
  hosts: ['www.disneyplus.com'],
  matches: ['https://www.disneyplus.com/*'],
  selectors: {
    player: ['disney-web-player', '.btm-media-player', '#hudson-wrapper'],
    video: ['video.btm-media-client-element', 'disney-web-player video'],
    title: ['.title-field', '[data-testid="title-field"]'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['Disney+', 'Disney Plus']),
  searchUrl: (q) => `https://www.disneyplus.com/search?q=${encodeQuery(q)}`,
  providers: /^Disney(\+| Plus\b)/i,
});
