/**
 * The moment of a mood check on the real catalogue: "how long have I got" keeps every pick within the time and
 * says so on the picks it brought in; late in the evening a lift calms down (less arousal) and says so; a match
 * list and a daytime list are left as they are.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TONE_AFFECT } from '../../models/catalogue/tones';
import { TONES } from '../../models/catalogue/tones';
import { emptyUserModel } from '../../models/learning/user-model';
import { formatMessage, fromMessagesFile } from '../../models/messages';
import { zeroProbabilities } from '../../models/mood/emotions';
import { calmedForLateEvening, isLate, rankForMoment } from '../../models/recommend/moment';
import { moodTarget } from '../../models/recommend/mood-target';
import { DEFAULT_FILTERS } from '../../models/recommend/filters';
import { moodRanker } from '../../models/recommend/mood-ranker';
import type { RankContext } from '../../models/recommend/ranker';
import { reasonMessage } from '../../models/recommend/reasons';
import { readPackedCatalogue } from '../../scripts/lib/catalogue';
import { readItemFactors } from '../../scripts/lib/factors';

const words = fromMessagesFile(JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')));
const { movies } = readPackedCatalogue();
const factors = readItemFactors();
const happy = { ...zeroProbabilities(), happy: 1 };

const ctx = (strategy: 'match' | 'lift'): RankContext => ({
  movies,
  factors,
  user: emptyUserModel(),
  target: moodTarget(happy, strategy),
  filters: DEFAULT_FILTERS,
  diversity: 0.5,
  count: 10,
  seed: 1,
});

const arousal = (tones: Record<string, number>) => TONES.reduce((s, t) => s + tones[t]! * TONE_AFFECT[t].arousal, 0);

describe('rankForMoment', () => {
  it('keeps every pick within the time the user has, and says so where the limit changed the list', () => {
    const any = rankForMoment(moodRanker, ctx('match'), { maxMinutes: null, hour: 12 });
    const short = rankForMoment(moodRanker, ctx('match'), { maxMinutes: 100, hour: 12 });
    expect(any.some((p) => p.movie.runtime === null || p.movie.runtime > 100)).toBe(true);
    for (const p of short) expect(p.movie.runtime).toBeLessThanOrEqual(100);
    const brought = short.filter((p) => !any.some((a) => a.movie.movieId === p.movie.movieId));
    expect(brought.length).toBeGreaterThan(0);
    for (const p of brought)
      expect(p.reasons.map((r) => formatMessage(reasonMessage(r), words))).toContain(
        `${p.movie.runtime} min: fits the time you have`,
      );
  });

  it('calms a lift late in the evening and says so, and leaves a match or a daytime list alone', () => {
    expect([21, 23, 0, 3].every(isLate)).toBe(true);
    expect([4, 12, 20].some(isLate)).toBe(false);
    const day = rankForMoment(moodRanker, ctx('lift'), { maxMinutes: null, hour: 15 });
    const night = rankForMoment(moodRanker, ctx('lift'), { maxMinutes: null, hour: 23 });
    expect(day).toEqual(moodRanker.rank(ctx('lift')));
    const mean = (ps: typeof day) => ps.reduce((s, p) => s + arousal(p.movie.profile.tones), 0) / ps.length;
    expect(mean(night)).toBeLessThan(mean(day));
    expect(night.some((p) => p.reasons.some((r) => r.kind === 'lateEvening'))).toBe(true);
    expect(rankForMoment(moodRanker, ctx('match'), { maxMinutes: null, hour: 23 })).toEqual(
      moodRanker.rank(ctx('match')),
    );
    const calmed = calmedForLateEvening(ctx('lift').target);
    expect(calmed.weights.thrilling).toBeLessThan(ctx('lift').target.weights.thrilling);
    expect(calmed.weights.feelGood).toBeCloseTo(ctx('lift').target.weights.feelGood * (1 - 0.6 * 0.15), 6);
    expect(calmed.weights.atmospheric).toBeGreaterThan(ctx('lift').target.weights.atmospheric);
    expect(calmed.weights.sad).toBe(ctx('lift').target.weights.sad);
  });
});
