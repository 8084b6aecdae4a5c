/**
 * Records, through DevTools, every request each browser context makes (pages, the service worker, the offscreen
 * document, content scripts within their pages), tagged with the context's URL. The recording proxy sees what
 * leaves the browser; this says who asked for it.
 */
import type { Browser, CDPSession, Target } from 'puppeteer';

export interface ContextRequest {
  context: string;
  url: string;
}

export async function recordContexts(browser: Browser): Promise<{ requests: ContextRequest[]; stop(): Promise<void> }> {
  const requests: ContextRequest[] = [];
  const sessions: CDPSession[] = [];
  const attach = async (target: Target) => {
    if (!['page', 'service_worker', 'other', 'background_page'].includes(target.type())) return;
    try {
      const cdp = await target.createCDPSession();
      sessions.push(cdp);
      cdp.on('Network.requestWillBeSent', (e) => requests.push({ context: target.url(), url: e.request.url }));
      await cdp.send('Network.enable');
    } catch {
      // A target that closed while attaching made no request worth keeping.
    }
  };
  browser.on('targetcreated', (t: Target) => void attach(t));
  await Promise.all(browser.targets().map(attach));
  return {
    requests,
    stop: async () => {
      await Promise.all(sessions.map((s) => s.detach().catch(() => undefined)));
    },
  };
}
