/**
 * Players that other sites embed in a page (an iframe): where "This tab's video" finds the film on a blog or a news
 * page whose video plays in a frame of another site. Selectors as data; the markup they expect is the embed code each
 * service hands out (`<iframe src="https://www.youtube.com/embed/…">`), as tests/e2e/overlay.test.ts builds it. A
 * frame of a service not named here is known by what every player's embed code asks for: to go full screen.
 */
export const EMBEDDED_PLAYERS: readonly string[] = [
  'iframe[src*="youtube.com/embed/"]',
  'iframe[src*="youtube-nocookie.com/embed/"]',
  'iframe[src*="player.vimeo.com/video/"]',
  'iframe[src*="dailymotion.com/embed/"]',
  'iframe[src*="geo.dailymotion.com/player"]',
  'iframe[src*="player.twitch.tv/"]',
  'iframe[src*="players.brightcove.net/"]',
  'iframe[src*="cdn.jwplayer.com/players/"]',
  'iframe[src*="fast.wistia.net/embed/"]',
  'iframe[src*="kaltura.com/p/"]',
  'iframe[src*="facebook.com/plugins/video"]',
  'iframe[src*="streamable.com/e/"]',
  'iframe[src*="loom.com/embed/"]',
  'iframe[src*="embed.ted.com/"]',
  'iframe[allowfullscreen]',
  'iframe[allow*="fullscreen"]',
];
