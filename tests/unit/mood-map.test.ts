/**
 * The personal mood map: feedback after a mood check moves that emotion's tone weights toward what the user keeps
 * choosing, shrinks back toward the table, leans between match and lift, survives storage, and says what it learned.
 */
import { describe, expect, it } from 'vitest';
import { zeroTones, type ToneScores } from '../../models/catalogue/tones';
import {
  learnedTone,
  learnMood,
  moodMapSummary,
  parseMoodMap,
  personalTarget,
  type MoodMap,
} from '../../models/learning/mood-map';
import { isMoodLesson } from '../../models/learning/mood-lesson';
import { parseUserModel } from '../../models/learning/user-model';
import { zeroProbabilities } from '../../models/mood/emotions';
import { moodTarget } from '../../models/recommend/mood-target';

const tones = (t: Partial<ToneScores>): ToneScores => ({ ...zeroTones(), ...t });
const funnyFilm = tones({ funny: 0.8, feelGood: 0.4 });
const sadFilm = tones({ sad: 0.8, thoughtProvoking: 0.4 });
const sad = { ...zeroProbabilities(), sad: 1 };

function thumbs(map: MoodMap, n: number, film: ToneScores, signal: string, strategy: 'match' | 'lift' = 'match') {
  for (let i = 0; i < n; i++) map = learnMood(map, { emotion: 'sad', strategy }, film, signal);
  return map;
}

describe('learnMood', () => {
  it('moves the emotion’s tones toward liked films and away from rejected ones, and only that emotion’s', () => {
    const map = thumbs(thumbs({}, 4, funnyFilm, 'up'), 4, sadFilm, 'down');
    expect(map.sad!.offsets.funny).toBeGreaterThan(0.3);
    expect(map.sad!.offsets.sad).toBeLessThan(-0.3);
    expect(map.sad!.lessons).toBe(8);
    expect(map.happy).toBeUndefined();
    expect(learnedTone(map, 'sad')).toBe('funny');
    expect(learnedTone(map, 'happy')).toBeNull();
  });

  it('learns nothing from "seen", stays bounded, and fades toward the table without new lessons', () => {
    expect(thumbs({}, 3, funnyFilm, 'seen')).toEqual({});
    const many = thumbs({}, 500, funnyFilm, 'up');
    expect(Math.max(...Object.values(many.sad!.offsets).map(Math.abs))).toBeLessThanOrEqual(1);
    // Other emotions' lessons do not touch it; the next sad lesson in the other direction shrinks it first.
    const after = thumbs(many, 1, tones({}), 'up');
    expect(after.sad!.offsets.funny!).toBeLessThan(many.sad!.offsets.funny!);
  });

  it('leans toward lifting when the films the user likes in a match list are lifting ones', () => {
    const map = thumbs({}, 6, tones({ heartwarming: 0.9, feelGood: 0.8, funny: 0.6 }), 'up');
    expect(map.sad!.lean).toBeGreaterThan(0.5);
    const target = personalTarget(moodTarget(sad, 'match'), sad, map);
    const plain = moodTarget(sad, 'match');
    expect(target.weights.heartwarming).toBeGreaterThan(plain.weights.heartwarming);
    expect(target.weights.sad).toBeLessThan(plain.weights.sad);
  });
});

describe('personalTarget', () => {
  it('adds the learned offsets in proportion to the emotion’s share of the mood', () => {
    const map = thumbs({}, 5, funnyFilm, 'up', 'lift');
    const half = { ...zeroProbabilities(), sad: 0.5, happy: 0.5 };
    const plain = moodTarget(half, 'lift');
    const mine = personalTarget(plain, half, map);
    expect(mine.weights.funny - plain.weights.funny).toBeCloseTo(0.5 * map.sad!.offsets.funny!, 6);
    expect(personalTarget(plain, half, {})).toEqual(plain);
  });
});

describe('storage', () => {
  it('parses what it stored and drops what it did not write', () => {
    const map = thumbs({}, 3, funnyFilm, 'up');
    expect(parseMoodMap(JSON.parse(JSON.stringify(map)))).toEqual(map);
    expect(parseMoodMap({ sad: { offsets: { funny: 9, nope: 1 }, lean: 'x', lessons: -1 }, bored: {} })).toEqual({
      sad: { offsets: { funny: 1 }, lean: 0, lessons: 0 },
    });
    // A user model stored before the map existed reads as an empty map.
    expect(parseUserModel({ signals: {} }).moodMap).toEqual({});
    expect(isMoodLesson({ emotion: 'sad', strategy: 'lift' })).toBe(true);
    expect(isMoodLesson({ emotion: 'sad', strategy: 'lift', x: 1 })).toBe(false);
    expect(isMoodLesson({ emotion: 'bored', strategy: 'lift' })).toBe(false);
  });

  it('summarises what it learned for the options page', () => {
    expect(moodMapSummary({})).toEqual({ lessons: 0, learned: [] });
    expect(moodMapSummary(thumbs({}, 4, funnyFilm, 'up'))).toEqual({
      lessons: 4,
      learned: [{ emotion: 'sad', tone: 'funny' }],
    });
  });
});
