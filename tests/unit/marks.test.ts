import { describe, expect, it } from 'vitest';
import { emptyUserModel, signalsOf } from '../../models/learning/user-model';
import { isForgotten } from '../../models/store/user';
import type { FeedbackEvent } from '../../models/store/schema';

const events: FeedbackEvent[] = [
  { id: 1, movieId: 7, kind: 'up', at: 10 },
  { id: 2, movieId: 8, kind: 'seen', at: 11 },
  { id: 3, movieId: 7, kind: 'not-interested', at: 12 },
  // Written by an old version: not a mark, and no mark taken back removes it.
  { id: 4, movieId: 7, kind: 'mood-correction', at: 13 },
];

describe('a mark taken back', () => {
  it('forgets one event for an undo, and every mark on the title (no other event) when taken back', () => {
    expect(events.filter(isForgotten({ eventId: 3 })).map((e) => e.id)).toEqual([3]);
    expect(events.filter(isForgotten({ eventId: 9 }))).toEqual([]);
    expect(events.filter(isForgotten({ movieId: 7 })).map((e) => e.id)).toEqual([1, 3]);
    expect(events.filter(isForgotten({ movieId: 9 }))).toEqual([]);
  });

  it('forgets only the marks of one kind on the title when asked (a title removed from the watchlist)', () => {
    const saved: FeedbackEvent[] = [
      ...events,
      { id: 5, movieId: 7, kind: 'watchlist', at: 14 },
      { id: 6, movieId: 8, kind: 'watchlist', at: 15 },
      { id: 7, movieId: 7, kind: 'watchlist', at: 16 },
    ];
    expect(saved.filter(isForgotten({ movieId: 7, kind: 'watchlist' })).map((e) => e.id)).toEqual([5, 7]);
    expect(saved.filter(isForgotten({ movieId: 8, kind: 'up' }))).toEqual([]);
  });

  it('reads the marks on given titles as the model holds them, leaving out titles without one', () => {
    const model = { ...emptyUserModel(), signals: { 7: 'not-interested', 8: 'seen', 9: 'up' } as const };
    expect(signalsOf(model, [8, 7, 5])).toEqual({ 7: 'not-interested', 8: 'seen' });
    expect(signalsOf(model, [])).toEqual({});
  });
});
