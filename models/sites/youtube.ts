import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * The markup this adapter expects: tests/fixtures/sites/youtube.html, a /watch?v= page (ytd-watch-flexy,
 * #movie_player, ytd-watch-metadata).
 */
export default defineSite({
  id: 'youtube',
  name: 'YouTube',
  hosts: ['www.youtube.com', 'm.youtube.com'],
  matches: ['https://www.youtube.com/*', 'https://m.youtube.com/*'],
  selectors: {
    player: ['#movie_player', '.html5-video-player'],
    video: ['#movie_player video.html5-main-video', '.html5-video-container video'],
    title: ['ytd-watch-metadata h1 yt-formatted-string', 'h1.ytd-watch-metadata', '#title h1'],
  },
  cleanTitle: (raw) => tidyTitle(raw, ['YouTube']),
  // YouTube sells and rents movies; its search finds those and trailers.
  searchUrl: (q) => `https://www.youtube.com/results?search_query=${encodeQuery(q)}`,
  providers: /^YouTube\b/i,
});
