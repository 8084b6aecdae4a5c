import { describe, expect, it } from 'vitest';
import { cosineNeighbours } from '../../models/learning/neighbours';

describe('cosineNeighbours', () => {
  it('finds the most similar vectors, most similar first, never itself', () => {
    const v = Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]);
    const n = cosineNeighbours(v, 4, 2, 2);
    expect(Array.from(n.index.slice(0, 2))).toEqual([1, 3]);
    expect(Array.from(n.index.slice(4, 6))).toEqual([3, 1]);
    expect(n.similarity[0]).toBeGreaterThan(n.similarity[1]!);
  });

  it('looks only among the rows it is given, and never at a row itself', () => {
    const v = Float32Array.from([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]);
    const n = cosineNeighbours(v, 4, 2, 2, [1, 2]);
    expect(Array.from(n.index.slice(0, 2))).toEqual([1, 2]);
    // Row 1 is among the candidates but not its own neighbour: only row 2 is left, the second slot stays empty.
    expect(Array.from(n.index.slice(2, 4))).toEqual([2, -1]);
    expect(Array.from(n.index.slice(6, 8))).toEqual([2, 1]);
  });
});
