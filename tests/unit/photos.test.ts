import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emotionNamed } from '../../scripts/lib/fer';
import { namedInFile, photoHash, readPhotos, rightByPerson, TUNED_PHOTOS, tuningSplit } from '../../scripts/lib/photos';
import { bootstrapShare } from '../../scripts/lib/stats';
import { SHARED_DATA } from '../support/images';

const TAIWAN = join(SHARED_DATA, 'faces-expressions/taiwan-performers');
const tuned = new Set((JSON.parse(readFileSync(TUNED_PHOTOS, 'utf8')) as { photos: string[] }).photos);
/** The first photo in one of the Taiwan set's folders of a reporting person (or, asked, of a tuning one). */
const firstPhoto = (folder: string, tuning = false) =>
  readdirSync(join(TAIWAN, folder))
    .sort()
    .map((f) => join(TAIWAN, folder, f))
    .find((path) => tuned.has(photoHash(path)) === tuning)!;
const root = mkdtempSync(join(tmpdir(), 'moodreel-photos-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('labelled photos for emotion:eval --mode photos', () => {
  it('knows an expression by any of its usual names, and nothing else', () => {
    expect(['fear', 'Fearful', 'afraid', ' SCARED '].map(emotionNamed)).toEqual(Array(4).fill('fearful'));
    expect(emotionNamed('sadness')).toBe('sad');
    expect(emotionNamed('disgust')).toBe('disgusted');
    expect(emotionNamed('contempt')).toBeNull();
  });

  it('reads folders named another way, images in subfolders, and names what it leaves out', () => {
    const set = join(root, 'folders');
    for (const dir of ['Happiness/person-1', 'fearful', 'contempt']) mkdirSync(join(set, dir), { recursive: true });
    copyFileSync(firstPhoto('happy'), join(set, 'Happiness/person-1/a.jpg'));
    copyFileSync(firstPhoto('fear'), join(set, 'fearful/b.jpg'));
    copyFileSync(firstPhoto('fear'), join(set, 'contempt/c.jpg'));
    writeFileSync(join(set, 'fearful/notes.txt'), 'not an image');
    const leftOut: string[] = [];
    const photos = readPhotos(set, (what) => leftOut.push(what));
    expect(photos.map((p) => [p.label, p.path.slice(set.length + 1), p.part])).toEqual([
      ['happy', 'Happiness/person-1/a.jpg', 'reporting'],
      ['fearful', 'fearful/b.jpg', 'reporting'],
    ]);
    expect(leftOut).toEqual(['folder "contempt" (not one of the seven expressions)']);
  });

  it('reads a labels.csv without performers as all reported, and counts the rows it cannot read or find', () => {
    const set = join(root, 'csv');
    mkdirSync(join(set, 'img'), { recursive: true });
    copyFileSync(firstPhoto('sad'), join(set, 'img/1.jpg'));
    copyFileSync(firstPhoto('angry'), join(set, 'img/2.jpg'));
    writeFileSync(
      join(set, 'labels.csv'),
      'path,emotion\nimg/1.jpg,Sadness\nimg/2.jpg,anger\nimg/3.jpg,contempt\nimg/4.jpg,happy\n',
    );
    const leftOut: string[] = [];
    const photos = readPhotos(set, (what) => leftOut.push(what));
    expect(photos.map((p) => [p.label, p.person, p.part, p.fineTune])).toEqual([
      ['sad', null, 'reporting', false],
      ['angry', null, 'reporting', false],
    ]);
    expect(leftOut).toEqual([
      '1 row of labels.csv labelled "contempt" (or not an image)',
      '1 row of labels.csv whose image is not there',
    ]);
  });

  it('reads the expression from file names (KDEF codes, a word) or a folder on the way, and reports all of it', () => {
    expect(namedInFile('AF01AFS.JPG')).toEqual({ label: 'fearful', person: 'F01' });
    expect(namedInFile('bm23dihr.jpg')).toEqual({ label: 'disgusted', person: 'M23' });
    expect(namedInFile('Rafd090_01_Caucasian_female_angry_frontal.jpg')).toEqual({ label: 'angry', person: null });
    expect(namedInFile('Rafd090_01_Caucasian_female_contemptuous_frontal.jpg')).toBeNull();
    expect(namedInFile('happy-or-sad.png')).toBeNull();
    const set = join(root, 'names');
    for (const dir of ['AF01', 'BF01', 'person-2/Sadness', 'misc']) mkdirSync(join(set, dir), { recursive: true });
    copyFileSync(firstPhoto('fear'), join(set, 'AF01/AF01AFS.JPG'));
    copyFileSync(firstPhoto('happy'), join(set, 'BF01/BF01HAS.JPG'));
    copyFileSync(firstPhoto('sad'), join(set, 'person-2/Sadness/1.jpg'));
    copyFileSync(firstPhoto('angry'), join(set, 'misc/s3_surprise.jpg'));
    copyFileSync(firstPhoto('angry'), join(set, 'misc/unknown.jpg'));
    const leftOut: string[] = [];
    const photos = readPhotos(set, (what) => leftOut.push(what));
    expect(photos.map((p) => [p.path.slice(set.length + 1), p.label, p.person, p.part])).toEqual([
      ['AF01/AF01AFS.JPG', 'fearful', 'F01', 'reporting'],
      ['BF01/BF01HAS.JPG', 'happy', 'F01', 'reporting'],
      ['misc/s3_surprise.jpg', 'surprised', null, 'reporting'],
      ['person-2/Sadness/1.jpg', 'sad', null, 'reporting'],
    ]);
    expect(leftOut).toEqual(['1 image whose name and folders name no one expression']);
  });

  it('splits the Taiwan set by performer, half for tuning, and leaves nothing of it out', () => {
    const leftOut: string[] = [];
    const photos = readPhotos(TAIWAN, (what) => leftOut.push(what));
    expect(leftOut).toEqual([]);
    const parts = new Map<string, Set<string>>();
    for (const p of photos) parts.set(p.part, (parts.get(p.part) ?? new Set()).add(p.person!));
    expect(parts.get('tuning')!.size).toBe(Math.floor((parts.get('tuning')!.size + parts.get('reporting')!.size) / 2));
    // No person is in both parts.
    expect([...parts.get('tuning')!].filter((p) => parts.get('reporting')!.has(p))).toEqual([]);
  });

  it('keeps the tuning part as committed, and takes it with the photo, not with its name, folder or person', () => {
    // The committed list is the split's tuning part: it cannot drift from it unseen.
    const split = tuningSplit(TAIWAN);
    expect([...tuned].sort()).toEqual(split.photos);
    const photos = readPhotos(TAIWAN);
    expect(photos.filter((p) => p.part === 'tuning').length).toBe(split.photos.length);
    // Another set whose people happen to share the Taiwan set's names, and a tuning photo copied in under a new name:
    // only that copy is kept out of the reported part.
    const set = join(root, 'other-people');
    mkdirSync(join(set, 'img'), { recursive: true });
    const tuningPerson = photos.find((p) => p.part === 'tuning')!.person!;
    copyFileSync(firstPhoto('sad'), join(set, 'img/1.jpg'));
    copyFileSync(firstPhoto('happy'), join(set, 'img/2.jpg'));
    copyFileSync(firstPhoto('happy', true), join(set, 'img/3.jpg'));
    writeFileSync(
      join(set, 'labels.csv'),
      `path,emotion,performer\nimg/1.jpg,sad,${tuningPerson}\nimg/2.jpg,happy,${tuningPerson}\nimg/3.jpg,happy,X9\n`,
    );
    expect(readPhotos(set).map((p) => [p.path.slice(set.length + 1), p.person, p.part])).toEqual([
      ['img/1.jpg', tuningPerson, 'reporting'],
      ['img/2.jpg', tuningPerson, 'reporting'],
      ['img/3.jpg', 'X9', 'tuning'],
    ]);
  });

  it('resamples people, not photos, for the interval of an accuracy (each photo its own unit when no one is named)', () => {
    const photos = readPhotos(TAIWAN).filter((p) => p.part === 'reporting');
    const people = new Set(photos.map((p) => p.person));
    // One person read all wrong, everyone else all right.
    const wrong = photos[0]!.person;
    const rows = photos.map((photo) => ({ photo, right: photo.person !== wrong }));
    const units = rightByPerson(rows);
    expect(units.length).toBe(people.size);
    expect(units.reduce((s, u) => s + u.count, 0)).toBe(photos.length);
    expect(units.filter((u) => u.hits === 0).length).toBe(1);
    const byPerson = bootstrapShare(units);
    // Resampling photos would treat that person's misses as independent and give a far narrower interval.
    const perPhoto = rightByPerson(rows.map((r) => ({ ...r, photo: { ...r.photo, person: null } })));
    expect(perPhoto.length).toBe(photos.length);
    const byPhoto = bootstrapShare(perPhoto);
    expect(byPerson.high - byPerson.low).toBeGreaterThan(1.5 * (byPhoto.high - byPhoto.low));
  });
});
