/**
 * Injected (activeTab) into a tab the overlay is not on when the popup reads "This tab's video": answers where the
 * page's main video is, so only it is read. Reads the page, changes nothing, stays nothing.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { largestVideo, videoOnScreen } from './shared/page-video';

export default defineUnlistedScript(() => videoOnScreen(largestVideo()));
