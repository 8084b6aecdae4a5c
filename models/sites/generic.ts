import { defineSite, encodeQuery, tidyTitle } from './site';

/**
 * Any page with a large video, and the fallback when a named site's selectors stop matching. No selectors of its
 * own: the runtime takes the largest playing video (at least MIN_PLAYER) and the page's title.
 */
/**
 * The markup this adapter expects: tests/fixtures/sites/generic.html, a plain page with one <video>.
 */
export default defineSite({
  id: 'generic',
  name: 'the web',
  hosts: [],
  matches: [],
  selectors: { player: [], video: [], title: [] },
  cleanTitle: (raw) => tidyTitle(raw),
  // "Watch on …" for an unknown site: a general web search for where to stream it.
  searchUrl: (q) => `https://www.justwatch.com/us/search?q=${encodeQuery(q)}`,
  providers: null,
});
