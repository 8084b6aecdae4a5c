/**
 * Serves the streaming-site fixtures over HTTPS on loopback with a self-signed certificate made at test time, and
 * gives the Chromium flags that send the real host names (www.netflix.com, …) to it, so the extension's production
 * match patterns fire on them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

const FIXTURES = resolve('tests/fixtures/sites');

/** Another site's player, embedded by a page in a frame. */
export const EMBED_HOST = 'player.example.com';

/** Host → fixture page (every path of a host serves its page: the sites are single-page apps). */
export const SITE_PAGES: Record<string, string> = {
  'www.netflix.com': 'netflix.html',
  'www.youtube.com': 'youtube.html',
  'www.primevideo.com': 'prime.html',
  /** Prime Video inside an Amazon shop (/gp/video/…): the same player SDK markup. */
  'www.amazon.de': 'prime.html',
  'www.disneyplus.com': 'disney.html',
  'www.hulu.com': 'hulu.html',
  'play.hbomax.com': 'max.html',
  /** A page no adapter claims. */
  'videos.example.org': 'generic.html',
  /** A player another site embeds in a frame (no adapter, and no permission there: the right-click grants none). */
  [EMBED_HOST]: 'generic.html',
};
/** Serves media only, cross-origin to every page and without CORS headers: drawing its video taints a canvas. */
export const MEDIA_HOST = 'media.example.net';
/** A path that serves a redesigned page on any site host (none of the adapter's selectors match). */
export const CHANGED_PATH = '/changed';
/** Pages a site serves without a player, on any site host: a consent page and a "too many requests" page. */
export const NO_PLAYER_PAGES: Record<string, string> = {
  '/consent': 'youtube-consent.html',
  '/sorry/index': 'youtube-sorry.html',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.webm': 'video/webm',
};

export interface SiteServer {
  port: number;
  /** Chromium flags mapping every fixture host to this server and accepting its certificate. */
  chromiumArgs: string[];
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

export async function startSiteServer(mediaDir: string): Promise<SiteServer> {
  const hosts = [...Object.keys(SITE_PAGES), MEDIA_HOST];
  const dir = mkdtempSync(join(tmpdir(), 'moodreel-cert-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=moodreel-fixtures',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
  ], { stdio: 'ignore' }); // prettier-ignore
  const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  const server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0]!;
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    let file: string | null = null;
    if (path.startsWith('/media/')) file = join(mediaDir, path.slice('/media/'.length).replace(/[^\w.-]/g, ''));
    else if (host === MEDIA_HOST) file = null;
    else if (path.startsWith('/fixtures/'))
      file = join(FIXTURES, path.slice('/fixtures/'.length).replace(/[^\w.-]/g, ''));
    else if (path === CHANGED_PATH && SITE_PAGES[host]) file = join(FIXTURES, 'netflix-changed.html');
    else if (NO_PLAYER_PAGES[path] && SITE_PAGES[host]) file = join(FIXTURES, NO_PLAYER_PAGES[path]);
    else if (SITE_PAGES[host]) file = join(FIXTURES, SITE_PAGES[host]);
    if (!file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    chromiumArgs: [
      `--host-resolver-rules=${hosts.map((h) => `MAP ${h}:443 127.0.0.1:${port}`).join(', ')}`,
      '--ignore-certificate-errors',
    ],
    url: (host, path = '/') => `https://${host}${path}`,
    // Keep-alive connections of a browser that is gone or still closing would hold close() open.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** A short looping clip of a still picture (VP8 WebM, what every Chromium plays), made with ffmpeg. */
export function clipOf(image: string, out: string): string {
  execFileSync('ffmpeg', [
    '-y', '-loglevel', 'error', '-loop', '1', '-i', image, '-t', '2', '-r', '10',
    '-vf', 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray,format=yuv420p',
    '-c:v', 'libvpx', '-b:v', '800k', out,
  ]); // prettier-ignore
  return out;
}

/** A black clip: what a DRM-protected video shows to a screenshot. */
export function blackClip(out: string): string {
  execFileSync('ffmpeg', [
    '-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'color=black:s=640x360:d=2:r=10', '-c:v', 'libvpx', out,
  ]); // prettier-ignore
  return out;
}
