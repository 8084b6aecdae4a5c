/**
 * Where the end-to-end tests save their screenshots: a git-ignored folder, so a test run leaves the tree as it was.
 * `npm run screenshots` points it at tests/screenshots to refresh the README's pictures on purpose.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOTS = process.env.MOODREEL_SCREENSHOTS ?? 'tests/artifacts/screenshots';

/** The path for a screenshot called `name`, its folder made. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
