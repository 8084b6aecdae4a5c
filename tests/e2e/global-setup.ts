import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FIREFOX } from '../support/firefox';

/** The e2e suite tests the production build; build it when missing (so `vitest run` works on its own). */
export default function setup(): void {
  if (!existsSync('.output/chrome-mv3/manifest.json')) execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (!existsSync('.output/firefox-mv2/manifest.json'))
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
  for (const tool of ['ffmpeg', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', FIREFOX]) {
    try {
      execFileSync(tool, ['-version'], { stdio: 'ignore' });
    } catch {
      throw new Error(
        `${tool} is missing: install Debian's chromium, firefox-esr and ffmpeg (see README, or run .ci/run).`,
      );
    }
  }
}
