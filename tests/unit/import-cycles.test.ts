/** The core's import-cycle check (scripts/check/import-cycles.ts, run by `npm test`) finds cycles and only cycles. */
import { describe, expect, it } from 'vitest';
import { findCycles } from '../../scripts/check/import-cycles';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findCycles', () => {
  it('finds a two-file cycle and a longer one, each once, and nothing in a tree', () => {
    expect(findCycles(graph({ a: ['b'], b: ['c'], c: [] }))).toEqual([]);
    expect(findCycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
    expect(findCycles(graph({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b', 'a']]);
    const long = findCycles(graph({ p: ['q'], q: ['r'], r: ['p'], s: ['p'] }));
    expect(long).toEqual([['p', 'q', 'r', 'p']]);
  });
});
