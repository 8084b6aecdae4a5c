/**
 * Players that other sites embed in a page (an iframe): where "This tab's video" finds the film on a blog or a news
 * page whose video plays in a frame of another site. Selectors as data; the markup they expect is the embed code each
 * service hands out (`<iframe src="https://www.youtube.com/embed/…">`), as tests/e2e/overlay.test.ts builds it.
 */
export const EMBEDDED_PLAYERS: readonly string[] = [
  'iframe[src*="youtube.com/embed/"]',
  'iframe[src*="youtube-nocookie.com/embed/"]',
  'iframe[src*="player.vimeo.com/video/"]',
  'iframe[src*="dailymotion.com/embed/"]',
  'iframe[src*="geo.dailymotion.com/player"]',
  'iframe[src*="player.twitch.tv/"]',
];
