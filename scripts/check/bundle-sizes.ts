/**
 * What each part of the built extension loads, in bytes: every page's scripts (entry, preloaded chunks) and styles,
 * the background worker and the overlay content script. Reads a finished build (`npm run build` first).
 *
 *   npx tsx scripts/check/bundle-sizes.ts [.output/chrome-mv3]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { markdownTable } from '../lib/stats';

const dir = resolve(process.argv[2] ?? '.output/chrome-mv3');
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`No build in ${dir}: run npm run build first.`);
  process.exit(1);
}
const size = (file: string) => statSync(join(dir, file)).size;

/** A page's own files: the module script, its preloaded chunks and its style sheets, as the HTML names them. */
function pageFiles(html: string): { js: string[]; css: string[] } {
  const text = readFileSync(join(dir, html), 'utf8');
  const refs = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!.replace(/^\//, ''));
  return {
    js: [...refs(/<script[^>]*src="([^"]+)"/g), ...refs(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)],
    css: refs(/<link rel="stylesheet"[^>]*href="([^"]+)"/g),
  };
}

const rows: { part: string; js: number; css: number }[] = [];
for (const html of readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .sort()) {
  const { js, css } = pageFiles(html);
  const sum = (files: string[]) => files.reduce((s, f) => s + size(f), 0);
  rows.push({ part: html.replace(/\.html$/, ''), js: sum(js), css: sum(css) });
}
for (const [part, file] of [
  ['background', 'background.js'],
  ['overlay', 'content-scripts/overlay.js'],
] as const)
  if (existsSync(join(dir, file))) rows.push({ part, js: size(file), css: 0 });

console.log(
  markdownTable(
    ['part', 'JS bytes', 'CSS bytes'],
    rows.map((r) => [r.part, r.js, r.css]),
  ),
);
console.log(JSON.stringify({ check: 'bundle-sizes', ...Object.fromEntries(rows.map((r) => [r.part, r.js])) }));
