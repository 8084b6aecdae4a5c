/**
 * `npm run dev`: opens Chromium (Debian's, or CHROMIUM_PATH) with the freshly built Moodreel loaded, in a profile
 * of its own under .chromium-profile/ so the camera permission you grant is remembered between runs.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const extension = resolve('.output/chrome-mv3');
const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const binary = candidates.find((c): c is string => Boolean(c && existsSync(c)));

if (!existsSync(resolve(extension, 'manifest.json'))) {
  console.error('No build in .output/chrome-mv3: run `npm run build` first.');
  process.exit(1);
}
if (!binary) {
  console.error('No Chromium found. Install it (Debian: `sudo apt-get install chromium`) or set CHROMIUM_PATH,');
  console.error(`or load ${extension} unpacked in your Chrome (chrome://extensions → Developer mode → Load unpacked).`);
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display to open a browser window on. The extension is built in .output/chrome-mv3;');
  console.error('load it unpacked in Chrome on a desktop, or run `npm test` to exercise it headless.');
  process.exit(1);
}

console.log(`Opening ${binary} with Moodreel loaded from ${extension}`);
const child = spawn(
  binary,
  [
    `--user-data-dir=${resolve('.chromium-profile')}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    'https://www.youtube.com/',
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code) => process.exit(code ?? 0));
