import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TONES } from '../../models/catalogue/tones';
import type { Tone } from '../../models/catalogue/tones';
import { zeroProbabilities } from '../../models/mood/emotions';
import { moodTarget, toneSides } from '../../models/recommend/mood-target';
import {
  fitsTarget,
  genreWordsIn,
  halfOf,
  meetsTarget,
  partOf,
  readToneLabels,
  TAGS_FOR_TONE,
  taggedTones,
  tagKey,
  tagsFileAt,
} from '../../scripts/lib/tone-tags';
import { SHARED_DATA } from '../support/images';

const root = mkdtempSync(join(tmpdir(), 'moodreel-tags-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tone labels from user tags (films:fit-tones, films:eval-picks)', () => {
  it('never counts a tag that names what a film is: no genre word in any tone tag', () => {
    expect(genreWordsIn('dark comedy')).toEqual(['comedy']);
    // Whole words only: "dramatic" says how a film feels, "drama" what it is.
    expect(genreWordsIn('dramatic')).toEqual([]);
    for (const tone of TONES) for (const tag of TAGS_FOR_TONE[tone]) expect(genreWordsIn(tag), tag).toEqual([]);
  });

  it('reads another release’s tags.csv the same way (films:eval-picks --tags), keeping only the titles asked for', () => {
    const file = join(root, 'tags.csv');
    writeFileSync(
      file,
      [
        'userId,movieId,tag,timestamp',
        '1,10,Funny,0',
        '2,10,atmospheric,0',
        '1,20,black comedy,0',
        '1,20,comedy,0',
        '3,30,funny,0',
      ].join('\n'),
    );
    const labels = readToneLabels(SHARED_DATA, { has: (id) => id !== 30 }, file);
    expect([...labels.keys()]).toEqual([10]);
    expect([...labels.get(10)!].sort()).toEqual(['atmospheric', 'funny']);
  });

  it('reads a tag however a user typed it: case, hyphens, underscores, spaces and punctuation around it', () => {
    expect(tagKey('  Feel-Good!! ')).toBe('feel good');
    expect(tagKey('"Twist_Ending."')).toBe('twist ending');
    expect(tagKey('thought -  provoking')).toBe('thought provoking');
    expect([...taggedTones(new Set(['feel good', 'thought provoking', 'twist ending']))]).toEqual([
      'feelGood',
      'thoughtProvoking',
      'surprising',
    ]);
    // Punctuation inside a tag stays: "twists & turns" is a tag of its own, not "twists turns".
    expect([...taggedTones(new Set([tagKey('Twists & Turns')]))]).toEqual(['surprising']);
    expect(taggedTones(new Set([tagKey('funny-looking hat')])).size).toBe(0);
  });

  it('reads ml-10M’s tags.dat (id::id::tag::time) too, and says what is wrong with a file that is neither', () => {
    const dat = join(root, 'tags.dat');
    writeFileSync(dat, ['15::10::Funny::0', '20::10::tense::0', '20::30::creepy::0', ''].join('\n'));
    const labels = readToneLabels(SHARED_DATA, { has: (id) => id !== 30 }, dat);
    expect([...labels.keys()]).toEqual([10]);
    expect([...labels.get(10)!].sort()).toEqual(['funny', 'tense']);
    const ratings = join(root, 'ratings.csv');
    writeFileSync(ratings, 'userId,movieId,rating,timestamp\n1,10,4.0,0\n');
    expect(() => readToneLabels(SHARED_DATA, { has: () => true }, ratings)).toThrow(/movieId and tag columns/);
  });

  it('takes a release’s folder for its tags file, and names what is missing', () => {
    const release = join(root, 'ml-release');
    const empty = join(root, 'ml-empty');
    mkdirSync(release);
    mkdirSync(empty);
    writeFileSync(join(release, 'tags.csv'), 'userId,movieId,tag,timestamp\n1,10,funny,0\n');
    expect(tagsFileAt(release)).toBe(join(release, 'tags.csv'));
    const zipped = join(root, 'ml-zipped');
    mkdirSync(zipped);
    writeFileSync(join(zipped, 'tags.csv.gz'), gzipSync('userId,movieId,tag,timestamp\n1,10,funny,0\n'));
    expect([...readToneLabels(SHARED_DATA, { has: () => true }, tagsFileAt(zipped)).get(10)!]).toEqual(['funny']);
    expect(tagsFileAt(join(release, 'tags.csv'))).toBe(join(release, 'tags.csv'));
    expect(() => tagsFileAt(empty)).toThrow(/without tags\.csv/);
    expect(() => tagsFileAt(join(root, 'nowhere'))).toThrow(/No tags file/);
  });

  it('splits ml-latest-small’s labelled titles once, by title, into two halves of about the same size', () => {
    const labels = readToneLabels(SHARED_DATA, { has: () => true });
    const ids = [...labels.keys()];
    expect(ids.length).toBeGreaterThan(200);
    const tuning = ids.filter((id) => partOf(id) === 'tuning').length;
    expect(tuning / ids.length).toBeGreaterThan(0.4);
    expect(tuning / ids.length).toBeLessThan(0.6);
  });

  it('splits the tuning half again under another seed, into two parts of about the same size', () => {
    const tuning = [...readToneLabels(SHARED_DATA, { has: () => true }).keys()].filter((id) => partOf(id) === 'tuning');
    const first = tuning.filter((id) => halfOf(id, 61) === 0).length;
    expect(first / tuning.length).toBeGreaterThan(0.35);
    expect(first / tuning.length).toBeLessThan(0.65);
  });

  it('tells a hit from the two kinds of miss against the shipped table (a sad lift)', () => {
    const target = moodTarget({ ...zeroProbabilities(), sad: 1 }, 'lift', 1);
    const { wanted, unwanted } = toneSides(target);
    expect(wanted.length).toBeGreaterThan(0);
    expect(unwanted.length).toBeGreaterThan(0);
    const neither = TONES.filter((t) => !wanted.includes(t) && !unwanted.includes(t));
    const tags = (...tones: Tone[]) => new Set(tones);
    expect(meetsTarget(tags(wanted[0]!), target)).toBe('hit');
    expect(meetsTarget(tags(wanted[0]!, ...neither), target)).toBe('hit');
    expect(meetsTarget(tags(wanted[0]!, unwanted[0]!), target)).toBe('unwanted');
    expect(meetsTarget(tags(unwanted[0]!), target)).toBe('noWanted');
    expect(meetsTarget(tags(...neither), target)).toBe('noWanted');
    expect(meetsTarget(undefined, target)).toBe('noWanted');
    expect(fitsTarget(tags(wanted[0]!), target)).toBe(true);
    expect(fitsTarget(tags(wanted[0]!, unwanted[0]!), target)).toBe(false);
  });
});
