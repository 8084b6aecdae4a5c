import { describe, expect, it } from 'vitest';
import { MAX_EARLIER, parseCheckChoices } from '../../models/recommend/picks-choices';
import { MAX_PICKS } from '../../models/protocol';

const kept = {
  historyId: 7,
  strategy: 'lift',
  minutes: 100,
  diversity: 0.25,
  exclude: [1, 318],
  like: { movieId: 4973, title: 'Amélie' },
  list: null,
  earlier: [],
};

/** A list as the popup keeps it: reasons of every shape the ranker gives, a TMDB-added title, two marked cards. */
const list = {
  picks: [
    {
      movieId: 4973,
      reasons: [
        { kind: 'mood', phrase: 'liftLow', emotion: 'sad', tones: ['funny', 'feelGood'] },
        { kind: 'learned', emotion: 'sad', tone: 'funny' },
        { kind: 'lovedMl', stars: 4.2 },
      ],
      wildcard: false,
    },
    {
      movieId: -42,
      reasons: [{ kind: 'wildcard' }, { kind: 'look', words: ['warm', 'soft'] }, { kind: 'ratedTmdb', rating: 7.6 }],
      wildcard: true,
    },
    {
      movieId: 318,
      reasons: [
        { kind: 'moreLike', title: 'Amélie', likeness: { kind: 'director', name: 'Frank Darabont' } },
        { kind: 'runtime', minutes: 142 },
        { kind: 'lateEvening' },
        { kind: 'genres', genres: ['Crime', 'Drama'] },
      ],
      wildcard: false,
    },
  ],
  marked: { 4973: 'up', '-42': 'watchlist' },
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
    const { like: _, earlier: __, ...older } = kept;
    expect(parseCheckChoices(older)).toEqual({ ...older, like: null, list: null, earlier: [] });
  });

  it('reads back the list left on screen, reasons and marks as they were', () => {
    const withList = { ...kept, list };
    expect(parseCheckChoices(withList)).toEqual(withList);
    expect(parseCheckChoices({ ...kept, list: null })).toEqual({ ...kept, list: null });
  });

  it('reads back the lists "Previous picks" goes back through, and drops them where they do not read back', () => {
    const earlier = [
      { exclude: [], list },
      { exclude: [4973, -42, 318], list: { ...list, marked: {} } },
    ];
    expect(parseCheckChoices({ ...kept, list, earlier })).toEqual({ ...kept, list, earlier });
    // Kept before "Previous picks" was: nothing to go back to.
    const { earlier: _, ...older } = kept;
    expect(parseCheckChoices({ ...older, list })).toEqual({ ...kept, list, earlier: [] });
    // Lists before a list that is not there have nothing to go back from.
    expect(parseCheckChoices({ ...kept, list: null, earlier })).toEqual({ ...kept, list: null, earlier: [] });
    for (const bad of [
      'x',
      [null],
      [{ exclude: [], list: null }],
      [{ exclude: [0], list }],
      [{ exclude: [], list, extra: 1 }],
      [{ exclude: [], list: { ...list, picks: [] } }],
      Array.from({ length: MAX_EARLIER + 1 }, () => ({ exclude: [], list })),
    ])
      expect(parseCheckChoices({ ...kept, list, earlier: bad })).toEqual({ ...kept, list, earlier: [] });
  });

  it('drops a list that does not read back, keeping the choices', () => {
    const pick = list.picks[0]!;
    for (const bad of [
      'x',
      { ...list, picks: [] },
      { ...list, picks: [pick, pick] },
      { ...list, picks: Array.from({ length: MAX_PICKS + 1 }, (_, i) => ({ ...pick, movieId: i + 1 })), marked: {} },
      { ...list, extra: 1 },
      { ...list, marked: { 9999: 'up' } },
      { ...list, marked: { 4973: 'love' } },
      { ...list, picks: [{ ...pick, movieId: 0 }] },
      { ...list, picks: [{ ...pick, wildcard: 'no' }] },
      { ...list, picks: [{ ...pick, extra: 1 }] },
      ...[
        { kind: 'mood', phrase: 'cheers', emotion: 'sad', tones: [] },
        { kind: 'mood', phrase: 'liftLow', emotion: 'glum', tones: [] },
        { kind: 'mood', phrase: 'liftLow', emotion: 'sad', tones: ['funny', 'sunny'] },
        { kind: 'mood', phrase: 'liftLow', emotion: 'sad' },
        { kind: 'liked', title: '' },
        { kind: 'director', name: 7 },
        { kind: 'wildcard', note: 'x' },
        { kind: 'runtime', minutes: -5 },
        { kind: 'look', words: ['blurry'] },
        { kind: 'moreLike', title: 'Amélie', likeness: { kind: 'cast' } },
        { kind: 'moreLike', title: 'Amélie', likeness: { kind: 'director' } },
        { kind: 'toString' },
        { kind: 'sequel' },
        null,
      ].map((reason) => ({ ...list, picks: [{ ...pick, reasons: [reason] }] })),
    ])
      expect(parseCheckChoices({ ...kept, list: bad })).toEqual({ ...kept, list: null });
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
