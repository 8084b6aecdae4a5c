/**
 * Real-size labelled photos for `emotion:eval --mode photos`: a folder laid out as <label>/<image> (JPEG or PNG, any
 * size, subfolders allowed; the label in any of the names `emotionNamed` knows), images whose own names or folders
 * give the label (`namedInFile`: KDEF's codes, a word of the name), or a labels.csv (path, emotion, and optionally
 * performer, agree, … as in the Taiwan performers set) that names who is in each photo and whether observers agreed
 * with the posed label.
 *
 * The Taiwan performers set is split once, by person (seed 19), into a tuning part (every choice fitted on photos is
 * made there) and a reporting part (what the docs report). Which photos are tuning is kept as a hash of each one's
 * bytes (tuned-photos.json, `npm run emotion:tuned-photos`), so the part goes with the photo, not with a folder or a
 * name: any other set is reported whole, however it is laid out and whatever its people are called, and a tuning photo
 * is never reported, even in a copy laid out another way.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { createFaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import { DEFAULT_ANALYZER_CONFIG, fitWithin, type AnalyzerConfig } from '../../models/face/config';
import type { Emotion } from '../../models/mood/emotions';
import type { Face } from '../../models/mood/faces';
import { moodFromFaces, type Mood } from '../../models/mood/mood';
import { NODE_MODELS, startWasm, tf } from './expression-features';
import { readCsv } from './csv';
import { emotionNamed } from './fer';
import { decodeImage, fileHead, imageKind, resize, type RgbImage } from './image';
import { errorText } from '../../models/error-text';

export type PhotoPart = 'tuning' | 'reporting';

export interface Photo {
  label: Emotion;
  path: string;
  /** Who is in it (the split's unit); null when the folder does not say. */
  person: string | null;
  /** Whether the observers' top vote is the posed label; null when unknown. */
  agree: boolean | null;
  part: PhotoPart;
  /**
   * Tuning people only: whether Moodreel's CNN is fine-tuned on this person's photos (half the tuning people). The
   * other half is what the class balance and the stated chance are fitted on, read as a new person's face is.
   */
  fineTune: boolean;
}

const SPLIT_SEED = 19;

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** The people, ordered by a seeded hash: the first half (rounded down) tunes, the rest reports. */
function splitPeople(people: readonly string[]): Map<string, PhotoPart> {
  const order = seededOrder(people);
  const half = Math.floor(order.length / 2);
  return new Map(order.map((p, i) => [p, i < half ? 'tuning' : 'reporting']));
}

function seededOrder(people: readonly string[]): string[] {
  return [...new Set(people)].sort((a, b) => hash(`${SPLIT_SEED}:${a}`) - hash(`${SPLIT_SEED}:${b}`));
}

/** The tuning people the CNN is fine-tuned on: every other one in the seeded order. */
function fineTunePeople(tuningPeople: readonly string[]): Set<string> {
  return new Set(seededOrder(tuningPeople).filter((_, i) => i % 2 === 1));
}

/** The photos of the split's tuning part, by a hash of their bytes (`npm run emotion:tuned-photos` writes them). */
export const TUNED_PHOTOS = resolve('scripts/lib/tuned-photos.json');

/** A photo's identity: the first 16 hex digits of the SHA-256 of its bytes (it does not depend on name or folder). */
export function photoHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
}

let tuned: Set<string> | null = null;

function tunedPhotos(): Set<string> {
  if (!tuned) {
    const file = JSON.parse(readFileSync(TUNED_PHOTOS, 'utf8')) as { photos: string[] };
    tuned = new Set(file.photos);
  }
  return tuned;
}

/**
 * The tuning part of a set split by person (a labels.csv with a performer column: the Taiwan set): its photos' hashes
 * in order, and how many people they show. What tuned-photos.json holds.
 */
export function tuningSplit(root: string): { photos: string[]; people: number } {
  const rows = readLabelled(root);
  if (rows.length === 0 || rows.some((p) => p.person === null))
    throw new Error(`${root} has no labels.csv that says who is in each photo: there is no one to split by`);
  const parts = splitPeople(rows.map((p) => p.person!));
  const tuning = rows.filter((p) => parts.get(p.person!) === 'tuning');
  return { photos: tuning.map((p) => photoHash(p.path)).sort(), people: new Set(tuning.map((p) => p.person)).size };
}

/** Writes tuned-photos.json from the split of `root`. */
export function writeTunedPhotos(root: string): { photos: number; people: number } {
  const { photos, people } = tuningSplit(root);
  const file = { set: basename(root), splitSeed: SPLIT_SEED, people, photos };
  writeFileSync(TUNED_PHOTOS, JSON.stringify(file, null, 1) + '\n');
  tuned = null;
  return { photos: photos.length, people };
}

/** Names of image files: JPEG and PNG are read; the others are found so that they are named as left out, not lost. */
const IMAGE = /\.(jpe?g|png|tiff?|bmp|webp|gif|heic|heif|avif)$/i;

/** A folder's entries in code-unit order of their names (as `Array.prototype.sort` orders strings). */
function entriesOf(dir: string) {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every image below `dir` (subfolders too, such as one per person), as paths relative to it, sorted. */
function imagesBelow(dir: string, prefix = ''): string[] {
  return entriesOf(join(dir, prefix)).flatMap((entry) => {
    const path = prefix ? join(prefix, entry.name) : entry.name;
    if (entry.isDirectory()) return imagesBelow(dir, path);
    return IMAGE.test(entry.name) ? [path] : [];
  });
}

/**
 * KDEF's file names (Lundqvist, Flykt & Öhman 1998): session, sex and number of the person, the expression's code,
 * then the view (S straight, HL/HR half and FL/FR full profile), e.g. AF01AFS.JPG.
 */
const KDEF_NAME = /^[AB]([FM]\d\d)(AF|AN|DI|HA|NE|SA|SU)(S|HL|HR|FL|FR)\.jpe?g$/i;
const KDEF_CODES: Readonly<Record<string, Emotion>> = {
  AF: 'fearful',
  AN: 'angry',
  DI: 'disgusted',
  HA: 'happy',
  NE: 'neutral',
  SA: 'sad',
  SU: 'surprised',
};

/**
 * The expression a file's own name gives, and who is in it where the name says: a KDEF code, or one word of the name
 * naming an expression ("Rafd090_01_Caucasian_female_angry_frontal.jpg", "subject7-happy.png"); null when the name
 * names none, or more than one.
 */
export function namedInFile(name: string): { label: Emotion; person: string | null } | null {
  const kdef = KDEF_NAME.exec(name);
  if (kdef) return { label: KDEF_CODES[kdef[2]!.toUpperCase()]!, person: kdef[1]!.toUpperCase() };
  const words = name.replace(IMAGE, '').split(/[^A-Za-z]+/);
  const named = new Set(words.flatMap((w) => emotionNamed(w) ?? []));
  return named.size === 1 ? { label: [...named][0]!, person: null } : null;
}

/**
 * The labelled photos under `root`: from its labels.csv when there is one, else from folders named for the
 * expressions, else from the images' own names (`namedInFile`). What cannot be read as one of the seven expressions is
 * left out and told to `leftOut` (a folder, labels.csv rows by their label, images by how many), never dropped unsaid.
 * A photo is in the tuning part when it is one of the tuned photos (`TUNED_PHOTOS`), else in the reporting part.
 */
export function readPhotos(root: string, leftOut: (what: string) => void = () => {}): Photo[] {
  const tunedSet = tunedPhotos();
  const photos = readable(readLabelled(root, leftOut), leftOut).map((p) => ({
    ...p,
    part: tunedSet.has(photoHash(p.path)) ? ('tuning' as const) : ('reporting' as const),
  }));
  const fineTune = fineTunePeople(photos.filter((p) => p.part === 'tuning' && p.person).map((p) => p.person!));
  return photos.map((p) => ({ ...p, fineTune: p.part === 'tuning' && p.person !== null && fineTune.has(p.person) }));
}

type Labelled = Omit<Photo, 'part' | 'fineTune'>;

/**
 * The photos whose bytes are JPEG or PNG, whatever their names say; the others are told to `leftOut` by kind, with an
 * example, so a set in another format is named rather than read as empty.
 */
function readable(photos: Labelled[], leftOut: (what: string) => void): Labelled[] {
  const other = new Map<string, string[]>();
  const kept = photos.filter((p) => {
    const kind = imageKind(fileHead(p.path));
    if (kind === 'JPEG' || kind === 'PNG') return true;
    if (!other.has(kind)) other.set(kind, []);
    other.get(kind)!.push(p.path);
    return false;
  });
  for (const [kind, paths] of other) {
    const one = paths.length === 1;
    const example = `${paths[0]}${one ? '' : ', …'}`;
    leftOut(
      kind === 'not an image'
        ? `${paths.length} file${one ? '' : 's'} named as images whose bytes are no image (${example})`
        : `${paths.length} ${kind} image${one ? '' : 's'}, not JPEG or PNG (${example}; converted to PNG or JPEG, ` +
            `${one ? 'it is' : 'they are'} read)`,
    );
  }
  return kept;
}

/** labels.csv's columns, by what they hold, under the names sets give them (in any case). */
const LABEL_COLUMNS = {
  path: ['path', 'file', 'filename', 'file_name', 'image', 'image_path', 'img'],
  emotion: ['emotion', 'label', 'expression', 'emotion_label', 'class'],
  performer: ['performer', 'person', 'subject', 'actor', 'participant', 'identity'],
  agree: ['agree'],
} as const;

/**
 * labels.csv's rows with their columns under Moodreel's names (path, emotion, performer, agree) and paths written
 * with "/" (a set labelled on Windows says happy\1.jpg); a file with no path or no emotion column is refused, naming
 * the columns it has.
 */
function labelRows(csv: string): Record<string, string>[] {
  const rows = readCsv(csv);
  const header = Object.keys(rows[0] ?? {});
  const named = Object.fromEntries(
    Object.entries(LABEL_COLUMNS).map(([column, names]) => [
      column,
      header.find((h) => (names as readonly string[]).includes(h.trim().toLowerCase())),
    ]),
  ) as Record<keyof typeof LABEL_COLUMNS, string | undefined>;
  if (rows.length > 0 && (!named.path || !named.emotion))
    throw new Error(
      `${csv} needs a column for each image's path (${LABEL_COLUMNS.path.join(', ')}) and one for its expression ` +
        `(${LABEL_COLUMNS.emotion.join(', ')}); its columns are: ${header.join(', ')}`,
    );
  return rows.map((r) => {
    const out: Record<string, string> = {};
    for (const [column, source] of Object.entries(named)) if (source !== undefined) out[column] = r[source]!;
    if (out.path !== undefined) out.path = out.path.trim().replace(/\\/g, '/');
    return out;
  });
}

function readLabelled(root: string, leftOut: (what: string) => void = () => {}): Labelled[] {
  const csv = join(root, 'labels.csv');
  if (existsSync(csv)) {
    const rows: Record<string, string>[] = [];
    const unread = new Map<string, number>();
    let missing = 0;
    for (const r of labelRows(csv))
      if (!emotionNamed(r.emotion ?? '') || !IMAGE.test(r.path ?? ''))
        unread.set(r.emotion ?? '', (unread.get(r.emotion ?? '') ?? 0) + 1);
      else if (!existsSync(join(root, r.path!))) missing++;
      else rows.push(r);
    for (const [label, count] of unread)
      leftOut(`${count} row${count === 1 ? '' : 's'} of labels.csv labelled "${label}" (or not an image)`);
    if (missing > 0) leftOut(`${missing} row${missing === 1 ? '' : 's'} of labels.csv whose image is not there`);
    // Without a performer column the set has no persons.
    const named = rows.some((r) => r.performer);
    return rows.map((r) => ({
      label: emotionNamed(r.emotion!)!,
      path: join(root, r.path!),
      person: named ? r.performer! : null,
      agree: r.agree === undefined ? null : r.agree === '1',
    }));
  }
  const entries = entriesOf(root);
  if (!entries.some((entry) => entry.isDirectory() && emotionNamed(entry.name))) return namedByFile(root, leftOut);
  const out: Labelled[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const label = emotionNamed(entry.name);
    if (!label) {
      leftOut(`folder "${entry.name}" (not one of the seven expressions)`);
      continue;
    }
    for (const f of imagesBelow(join(root, entry.name)))
      out.push({ label, path: join(root, entry.name, f), person: null, agree: null });
  }
  return out;
}

/**
 * Every image below `root` whose name gives its expression, or else the nearest folder on its way that names one
 * (person/happy/1.jpg); the people a name gives (KDEF's) are kept for the interval over people.
 */
function namedByFile(root: string, leftOut: (what: string) => void): Labelled[] {
  const out: Labelled[] = [];
  let unnamed = 0;
  for (const path of imagesBelow(root)) {
    const folders = path.split(sep).slice(0, -1).reverse();
    const folder = folders.map((f) => emotionNamed(f)).find((label) => label !== null);
    const named = namedInFile(basename(path)) ?? (folder ? { label: folder, person: null } : null);
    if (!named) {
      unnamed++;
      continue;
    }
    out.push({ ...named, path: join(root, path), agree: null });
  }
  if (unnamed > 0) leftOut(`${unnamed} image${unnamed === 1 ? '' : 's'} whose name and folders name no one expression`);
  return out;
}

/**
 * Right and read per person (the unit an accuracy's interval resamples: one person's photos stand or fall together),
 * or per photo when the set does not say who is in them.
 */
export function rightByPerson(rows: readonly { photo: Photo; right: boolean }[]): { count: number; hits: number }[] {
  const units = new Map<string, { count: number; hits: number }>();
  rows.forEach(({ photo, right }, i) => {
    const key = photo.person ?? `photo ${i}`;
    const unit = units.get(key) ?? { count: 0, hits: 0 };
    unit.count++;
    if (right) unit.hits++;
    units.set(key, unit);
  });
  return [...units.values()];
}

/** A photo's pixels as the extension reads them: scaled down past its largest side, like its decoder does. */
export function photoImage(path: string): RgbImage {
  const img = decodeImage(path);
  const fit = fitWithin(img.width, img.height, DEFAULT_ANALYZER_CONFIG.maxImageSide);
  return fit.width === img.width ? img : resize(img, fit.width, fit.height);
}

export interface PhotoReading {
  photo: Photo;
  /** The mood the extension reads from the photo as it is, as shipped. */
  mood: Mood;
}

/**
 * The extension's analyzer and mood rule on each photo as it is: scaled down past the largest side the extension
 * reads, like its decoder does, and never padded into a fake webcam frame; or shown as `view` shows it (in a larger
 * frame, say). Node, tfjs wasm, the shipped weights.
 */
export async function readPhotoMoods(
  photos: readonly Photo[],
  view: (img: RgbImage) => RgbImage = (img) => img,
  overrides: Partial<AnalyzerConfig> = {},
): Promise<{ readings: PhotoReading[]; unreadable: { photo: Photo; why: string }[]; msPerPhoto: number }> {
  const { moods, unreadable, msPerImage } = await readMoods(
    photos.map((photo) => () => view(photoImage(photo.path))),
    overrides,
  );
  const why = new Map(unreadable.map((u) => [u.index, u.why]));
  return {
    readings: photos.flatMap((photo, i) => (why.has(i) ? [] : [{ photo, mood: moods[i]! }])),
    unreadable: [...why].map(([i, reason]) => ({ photo: photos[i]!, why: reason })),
    msPerPhoto: msPerImage,
  };
}

/** The mood the extension's analyzer and mood rule read from each image, as shipped or with `overrides` (Node, tfjs wasm). */
export async function readMoods(
  images: readonly (() => RgbImage)[],
  overrides: Partial<AnalyzerConfig> = {},
): Promise<{ moods: Mood[]; unreadable: Unreadable[]; msPerImage: number }> {
  const { faces, unreadable, msPerImage } = await readFaces(images, overrides);
  return { moods: faces.map((f) => moodFromFaces(f)), unreadable, msPerImage };
}

/** An image that could not be decoded (a damaged file, say): its index among those asked for, the decoder's words. */
export interface Unreadable {
  index: number;
  why: string;
}

/**
 * How the fits of the reading (emotion:fit-balance, emotion:fit-confidence) read each face: from its box. The band cut
 * was chosen after both and given their fit; read with it, a rerun would no longer give the shipped files.
 */
export const FIT_READING = { bandCut: null } as const satisfies Partial<AnalyzerConfig>;

/**
 * The faces the extension's analyzer finds and reads in each image (and the image's size), as shipped or with
 * `overrides` to its config (Node, tfjs wasm).
 */
export async function readFaces(
  images: readonly (() => RgbImage)[],
  overrides: Partial<AnalyzerConfig> = {},
): Promise<{
  faces: Face[][];
  sizes: { width: number; height: number }[];
  unreadable: Unreadable[];
  msPerImage: number;
}> {
  await startWasm();
  const analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny']);
  const faces: Face[][] = [];
  const sizes: { width: number; height: number }[] = [];
  // One damaged file must not cost a long run: it is named, kept in place (no face), and the run goes on.
  const unreadable: Unreadable[] = [];
  const start = performance.now();
  for (const [index, image] of images.entries()) {
    let img: RgbImage;
    try {
      img = image();
    } catch (error) {
      unreadable.push({ index, why: errorText(error) });
      faces.push([]);
      sizes.push({ width: 0, height: 0 });
      continue;
    }
    sizes.push({ width: img.width, height: img.height });
    const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
    faces.push(await analyzer.predict(t as never, overrides));
    t.dispose();
  }
  return {
    faces,
    sizes,
    unreadable,
    msPerImage: (performance.now() - start) / Math.max(1, images.length - unreadable.length),
  };
}

/** `readFaces` for a fit: every image must be read, or the fit would be made on other data than it says. */
export async function readEveryFace(
  images: readonly (() => RgbImage)[],
  overrides: Partial<AnalyzerConfig> = {},
): ReturnType<typeof readFaces> {
  const read = await readFaces(images, overrides);
  const [first] = read.unreadable;
  if (first)
    throw new Error(
      `${read.unreadable.length} of the ${images.length} images could not be read; ` +
        `the first, number ${first.index + 1}: ${first.why}`,
    );
  return read;
}
