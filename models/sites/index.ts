/** Every site adapter, registered by importing its file. Add a site: one file, one import here. */
import './netflix';
import './youtube';
import './prime';
import './disney';
import './hulu';
import './max';
import './generic';

export { registeredSites, siteForHost, type SiteAdapter, type SiteId } from './site';
