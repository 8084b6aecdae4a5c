/** Temporary folders for a test file, removed when its tests are done: a test run leaves nothing behind. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `moodreel-${name}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
