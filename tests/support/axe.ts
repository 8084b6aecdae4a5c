/** Accessibility scans with axe-core, run in the page (DevTools passes the extension pages' CSP). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer';

const axeSource = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical violations as the page is now, in `context` (an expression for what to scan; the document by
 * default, or e.g. an overlay's host, whose open shadow tree axe reads).
 */
export async function seriousViolations(page: Page, context = 'document'): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = (await page.evaluate(`axe.run(${context}, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
