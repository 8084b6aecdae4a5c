import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emotionNamed, ferImages } from '../../scripts/lib/fer';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeImage, decodeJpeg, imageKind, type RgbImage } from '../../scripts/lib/image';
import {
  namedInFile,
  photoHash,
  readPhotoMoods,
  readPhotos,
  rightByPerson,
  TUNED_PHOTOS,
  tuningSplit,
} from '../../scripts/lib/photos';
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
/** A set under `root` with a sad photo at img/1.jpg, an angry one at img/2.jpg, and this labels.csv. */
const labelledSet = (name: string, labels: string) => {
  const set = join(root, name);
  mkdirSync(join(set, 'img'), { recursive: true });
  copyFileSync(firstPhoto('sad'), join(set, 'img/1.jpg'));
  copyFileSync(firstPhoto('angry'), join(set, 'img/2.jpg'));
  writeFileSync(join(set, 'labels.csv'), labels);
  return set;
};

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
    const set = labelledSet(
      'csv',
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

  it('reads a labels.csv whose columns go by other names, a byte-order mark and Windows paths, or says what it lacks', () => {
    const set = labelledSet('csv-names', '\uFEFFFile,Expression,Subject\nimg\\1.jpg,sadness,S1\nimg/2.jpg,Angry,S2\n');
    expect(readPhotos(set).map((p) => [p.path.slice(set.length + 1), p.label, p.person])).toEqual([
      ['img/1.jpg', 'sad', 'S1'],
      ['img/2.jpg', 'angry', 'S2'],
    ]);
    writeFileSync(join(set, 'labels.csv'), 'picture,mood\nimg/1.jpg,sad\n');
    expect(() => readPhotos(set)).toThrow(/needs a column for each image's path .* its columns are: picture, mood/);
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

  it('lists a FER-style split of PNG crops as of JPEG ones (emotion:eval --data), and the two read alike', () => {
    const set = join(root, 'fer-style');
    mkdirSync(join(set, 'Happy'), { recursive: true });
    mkdirSync(join(set, 'sadness'), { recursive: true });
    const crop = join(
      SHARED_DATA,
      'fer2013/PublicTest/happy',
      readdirSync(join(SHARED_DATA, 'fer2013/PublicTest/happy')).sort()[0]!,
    );
    copyFileSync(crop, join(set, 'Happy/1.jpg'));
    writeFileSync(join(set, 'sadness/2.png'), pngOf(decodeJpeg(crop)));
    writeFileSync(join(set, 'sadness/notes.txt'), 'not an image');
    expect(ferImages(set).map((f) => [f.label, f.path.slice(set.length + 1)])).toEqual([
      ['happy', 'Happy/1.jpg'],
      ['sad', 'sadness/2.png'],
    ]);
    expect(decodeImage(join(set, 'sadness/2.png')).rgb).toEqual(decodeImage(join(set, 'Happy/1.jpg')).rgb);
  });

  it('reads a photo by its bytes, not its name, and names the files it cannot read', () => {
    const set = join(root, 'kinds');
    mkdirSync(join(set, 'happy'), { recursive: true });
    const jpegBytes = readFileSync(firstPhoto('happy'));
    const img = decodeJpeg(firstPhoto('happy'));
    writeFileSync(join(set, 'happy/a-jpeg.png'), jpegBytes);
    writeFileSync(join(set, 'happy/b-png.jpg'), pngOf(img));
    writeFileSync(join(set, 'happy/c.tif'), Buffer.concat([Buffer.from('II*\0'), jpegBytes]));
    writeFileSync(join(set, 'happy/d.jpg'), 'not an image');
    const leftOut: string[] = [];
    const photos = readPhotos(set, (what) => leftOut.push(what));
    expect(photos.map((p) => p.path.slice(set.length + 1))).toEqual(['happy/a-jpeg.png', 'happy/b-png.jpg']);
    expect(leftOut).toEqual([
      `1 TIFF image, not JPEG or PNG (${join(set, 'happy/c.tif')}; converted to PNG or JPEG, it is read)`,
      `1 file named as images whose bytes are no image (${join(set, 'happy/d.jpg')})`,
    ]);
    expect(decodeImage(join(set, 'happy/a-jpeg.png')).rgb).toEqual(img.rgb);
    expect(decodeImage(join(set, 'happy/b-png.jpg')).rgb).toEqual(img.rgb);
    expect(() => decodeImage(join(set, 'happy/c.tif'))).toThrow(/a TIFF image, not JPEG or PNG/);
    expect(imageKind(new Uint8Array(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')))).toBe('WebP');
  });

  it('shows a JPEG as its EXIF orientation says, as the browser does (a phone photo stored sideways)', () => {
    const img = decodeJpeg(firstPhoto('surprise'));
    const { width: w, height: h } = img;
    // Stored turned a quarter left (tag 6: turn it right to show) and stored mirrored (tag 2).
    const left = pixels(h, w, (x, y) => at(img, w - 1 - y, x));
    const mirrored = pixels(w, h, (x, y) => at(img, w - 1 - x, y));
    const sideways = join(root, 'sideways.jpg');
    const flipped = join(root, 'mirrored.jpg');
    writeFileSync(sideways, withOrientation(jpegOf(left), 6, false));
    writeFileSync(flipped, withOrientation(jpegOf(mirrored), 2, true));
    for (const path of [sideways, flipped]) {
      const shown = decodeImage(path);
      expect([shown.width, shown.height]).toEqual([w, h]);
      expect(meanDifference(shown, img)).toBeLessThan(3);
    }
    // Without reading the tag, the sideways photo would be shown sideways.
    expect([decodeJpeg(sideways).width, decodeJpeg(sideways).height]).toEqual([h, w]);
    expect(meanDifference(decodeJpeg(flipped), img)).toBeGreaterThan(10);
  });

  it('names a photo it cannot decode and reads the others: one damaged file does not cost the run', async () => {
    const set = join(root, 'damaged');
    mkdirSync(join(set, 'happy'), { recursive: true });
    copyFileSync(firstPhoto('happy'), join(set, 'happy/1.jpg'));
    const bytes = readFileSync(firstPhoto('happy'));
    writeFileSync(join(set, 'happy/2.jpg'), bytes.subarray(0, bytes.length >> 2));
    const photos = readPhotos(set);
    expect(photos.length).toBe(2);
    const { readings, unreadable } = await readPhotoMoods(photos);
    expect(readings.map((r) => [r.photo.path.slice(set.length + 1), r.mood.kind])).toEqual([['happy/1.jpg', 'mood']]);
    expect(unreadable.map((u) => u.photo.path.slice(set.length + 1))).toEqual(['happy/2.jpg']);
    expect(unreadable[0]!.why.length).toBeGreaterThan(0);
  }, 60_000);
});

function pixels(width: number, height: number, from: (x: number, y: number) => number[]): RgbImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(from(x, y), (y * width + x) * 3);
  return { width, height, rgb };
}

function at(img: RgbImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 3;
  return [img.rgb[i]!, img.rgb[i + 1]!, img.rgb[i + 2]!];
}

function rgba(img: RgbImage): Uint8Array {
  const out = new Uint8Array(img.width * img.height * 4).fill(255);
  for (let i = 0, j = 0; i < img.rgb.length; i += 3, j += 4) out.set(img.rgb.subarray(i, i + 3), j);
  return out;
}

function jpegOf(img: RgbImage): Buffer {
  return jpeg.encode({ width: img.width, height: img.height, data: rgba(img) }, 95).data;
}

function pngOf(img: RgbImage): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(rgba(img));
  return PNG.sync.write(png);
}

/** `jpegBytes` with an EXIF block right after its start marker that gives only the orientation. */
function withOrientation(jpegBytes: Buffer, orientation: number, little: boolean): Buffer {
  const u16 = (v: number) => (little ? [v & 255, v >> 8] : [v >> 8, v & 255]);
  const u32 = (v: number) => (little ? [...u16(v & 0xffff), ...u16(v >>> 16)] : [...u16(v >>> 16), ...u16(v & 0xffff)]);
  const tiff = [
    ...(little ? [0x49, 0x49] : [0x4d, 0x4d]),
    ...u16(42),
    ...u32(8),
    ...u16(1),
    ...[...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0],
    ...u32(0),
  ];
  const payload = [...Buffer.from('Exif\0\0'), ...tiff];
  const app1 = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload]);
  return Buffer.concat([jpegBytes.subarray(0, 2), app1, jpegBytes.subarray(2)]);
}

function meanDifference(a: RgbImage, b: RgbImage): number {
  let sum = 0;
  for (let i = 0; i < a.rgb.length; i++) sum += Math.abs(a.rgb[i]! - b.rgb[i]!);
  return sum / a.rgb.length;
}
