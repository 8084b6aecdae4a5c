/**
 * `npm run check:cycles` (part of `npm test`): fails when the browser-free core (`models/`) imports itself in a
 * circle, type-only imports included: a cycle means a type or a helper lives in the wrong module. Prints each cycle
 * found as a chain of files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(process.argv[2] ?? 'models');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files under ROOT that `file` imports (relative specifiers only; JSON and other assets skipped). */
function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), m[1]!);
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
      if (known.has(candidate)) {
        out.add(candidate);
        break;
      }
  }
  return [...out];
}

/** Every elementary cycle's smallest representative, by depth-first search from each file in order. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, next]);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

function main() {
  const all = files(ROOT);
  const known = new Set(all);
  const graph = new Map(all.map((f) => [f, importsOf(f, known)]));
  const cycles = findCycles(graph);
  const edges = [...graph.values()].reduce((n, e) => n + e.length, 0);
  if (cycles.length === 0) {
    console.log(`No import cycle in ${relative('.', ROOT)}/ (${all.length} files, ${edges} imports).`);
    return;
  }
  for (const c of cycles) console.error(`cycle: ${c.map((f) => relative('.', f)).join(' → ')}`);
  console.error(`${cycles.length} import cycle(s) in ${relative('.', ROOT)}/`);
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
