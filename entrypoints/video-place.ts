/**
 * Injected (activeTab) into a tab the overlay is not on when the popup reads "This tab's video": answers where the
 * page's main video is (its own, or a service's player embedded in it), so only it is read, or gives its frame when it
 * plays in picture-in-picture. It reads the page and leaves nothing behind.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { largestPlayer, pageVideo } from './shared/page-video';

export default defineUnlistedScript(() => pageVideo(largestPlayer()));
