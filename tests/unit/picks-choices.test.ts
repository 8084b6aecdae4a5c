import { describe, expect, it } from 'vitest';
import { parseCheckChoices } from '../../models/recommend/picks-choices';

const kept = {
  historyId: 7,
  strategy: 'lift',
  minutes: 100,
  diversity: 0.25,
  exclude: [1, 318],
  like: { movieId: 4973, title: 'Amélie' },
};

describe('parseCheckChoices', () => {
  it('reads back what the popup kept', () => {
    expect(parseCheckChoices(kept)).toEqual(kept);
    expect(parseCheckChoices({ ...kept, minutes: null, diversity: 1 })).toEqual({
      ...kept,
      minutes: null,
      diversity: 1,
    });
    expect(parseCheckChoices({ ...kept, like: null })).toEqual({ ...kept, like: null });
    // Titles added from TMDB have negative ids: they can be moved past, or liked, too.
    const added = { ...kept, exclude: [1, -42], like: { movieId: -42, title: 'Anora' } };
    expect(parseCheckChoices(added)).toEqual(added);
    // Kept before "more like this" was: none in force, the rest as it was.
    const { like: _, ...older } = kept;
    expect(parseCheckChoices(older)).toEqual({ ...older, like: null });
  });

  it('refuses anything else: no crash, and no made-up choice', () => {
    for (const bad of [
      null,
      'lift',
      [],
      { ...kept, historyId: 0 },
      { ...kept, historyId: 1.5 },
      { ...kept, strategy: 'cheer' },
      { ...kept, minutes: 90 },
      { ...kept, diversity: 2 },
      { ...kept, diversity: '0.5' },
      { ...kept, extra: true },
      { ...kept, exclude: [1, 'x'] },
      { ...kept, exclude: [0] },
      { ...kept, exclude: Array.from({ length: 501 }, (_, i) => i + 1) },
      { ...kept, exclude: undefined },
      { ...kept, like: 4973 },
      { ...kept, like: { movieId: 4973 } },
      { ...kept, like: { movieId: 0, title: 'Amélie' } },
      { ...kept, like: { movieId: 4973, title: '' } },
      { ...kept, like: { movieId: 4973, title: 'x'.repeat(501) } },
      { ...kept, like: { movieId: 4973, title: 'Amélie', year: 2001 } },
    ])
      expect(parseCheckChoices(bad)).toBeNull();
  });
});
