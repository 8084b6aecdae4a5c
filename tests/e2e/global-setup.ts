import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The e2e suite tests the production build; build it when missing (so `vitest run` works on its own). */
export default function setup(): void {
  if (!existsSync('.output/chrome-mv3/manifest.json')) execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  for (const tool of ['ffmpeg', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium']) {
    try {
      execFileSync(tool, ['-version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is missing: install Debian's chromium and ffmpeg (see README, or run .ci/run).`);
    }
  }
}
