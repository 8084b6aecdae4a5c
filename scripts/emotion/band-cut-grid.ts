/**
 * `npm run emotion:band-cut-grid [-- --limit N]`: how the band cut's two thresholds (models/face/config.ts, `bandCut`)
 * were chosen, on tuning data only. Every image is read twice by the extension's analyzer and mood rule, once with
 * every face read from its box and once with every face read from its band; each pair of thresholds (the box's span
 * of the image's shorter side, the crop's detail) then says which of the two readings a face gets. The images: the
 * tuning people's photos (scripts/lib/photos.ts) as they are and in two larger frames (scripts/lib/image.ts), and
 * every second FER2013 Train validation face on a webcam-like frame. The reporting people are never read here.
 * Prints, per pair, the accuracy change on each set (all photos, and those the observers confirmed), then JSON with
 * the shipped pair's.
 */
import { resolve } from 'node:path';
import { BAND_CUT } from '../../models/face/config';
import type { Emotion } from '../../models/mood/emotions';
import type { Face } from '../../models/mood/faces';
import { moodFromFaces } from '../../models/mood/mood';
import { ferImages, ferValidationIndices } from '../lib/fer';
import { decodeJpeg, framedPhoto, webcamFrame, type RgbImage } from '../lib/image';
import { option } from '../lib/options';
import { photoImage, readEveryFace, readPhotos } from '../lib/photos';
import { markdownTable, round } from '../lib/stats';

const SHARED = process.env.MOODREEL_DATA ?? '../shared/data';
const LIMIT = Number(option('limit') ?? '0');
const SPANS = [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 1.01];
const DETAILS = [0, 6, 6.5, 7, 7.5];

interface Item {
  set: string;
  label: Emotion;
  confirmed: boolean;
  image: () => RgbImage;
}

/** One image read both ways: its largest face's span and detail, and whether each reading was right. */
interface Read {
  item: Item;
  span: number;
  detail: number;
  asBoxed: boolean;
  asBand: boolean;
}

function items(): Item[] {
  const tuning = readPhotos(resolve(SHARED, 'faces-expressions/taiwan-performers')).filter((p) => p.part === 'tuning');
  const photos = LIMIT ? tuning.slice(0, LIMIT) : tuning;
  const framings: [string, ((img: RgbImage) => RgbImage) | null][] = [
    ['photos as they are', null],
    ['in a 562×762 frame at 256 px', (img) => framedPhoto(img, { width: 562, height: 762, side: 256 })],
    ['in a 562×762 frame at 358 px', (img) => framedPhoto(img, { width: 562, height: 762, side: 358 })],
  ];
  const out: Item[] = framings.flatMap(([set, frame]) =>
    photos.map((p) => ({
      set,
      label: p.label,
      confirmed: p.agree === true,
      image: () => (frame ? frame(photoImage(p.path)) : photoImage(p.path)),
    })),
  );
  const train = ferImages(resolve(SHARED, 'fer2013/Train'));
  const validation = ferValidationIndices(train.length).validation.filter((_, k) => k % 2 === 0);
  for (const i of LIMIT ? validation.slice(0, LIMIT) : validation)
    out.push({
      set: 'FER2013 validation, webcam-like frames',
      label: train[i]!.label,
      confirmed: false,
      image: () => webcamFrame(decodeJpeg(train[i]!.path)),
    });
  return out;
}

async function readAll(all: readonly Item[]): Promise<Read[]> {
  const images = all.map((item) => item.image);
  const { faces: boxed, sizes } = await readEveryFace(images, { bandCut: null });
  const everyFace = { ...BAND_CUT, maxSpan: Infinity, minDetail: -Infinity };
  const band = (await readEveryFace(images, { bandCut: everyFace })).faces;
  return all.map((item, k) => {
    const right = (faces: readonly Face[]) => {
      const mood = moodFromFaces(faces);
      return mood.kind === 'mood' && mood.dominant === item.label;
    };
    const face = boxed[k]![0];
    const { width, height } = sizes[k]!;
    return {
      item,
      span: face ? face.box.width / Math.min(width, height) : Infinity,
      detail: face ? face.detail : -Infinity,
      asBoxed: right(boxed[k]!),
      asBand: right(band[k]!),
    };
  });
}

/** Per set: the share right (all, confirmed) when faces under `maxSpan` with at least `minDetail` are cut. */
function score(reads: readonly Read[], maxSpan: number, minDetail: number) {
  const sets = new Map<string, { n: number; right: number; confirmed: number; confirmedRight: number; cut: number }>();
  for (const r of reads) {
    const s = sets.get(r.item.set) ?? { n: 0, right: 0, confirmed: 0, confirmedRight: 0, cut: 0 };
    const cut = r.span < maxSpan && r.detail >= minDetail;
    const right = cut ? r.asBand : r.asBoxed;
    s.n++;
    s.cut += cut ? 1 : 0;
    s.right += right ? 1 : 0;
    if (r.item.confirmed) {
      s.confirmed++;
      s.confirmedRight += right ? 1 : 0;
    }
    sets.set(r.item.set, s);
  }
  return new Map(
    [...sets].map(([set, s]) => [
      set,
      { all: s.right / s.n, confirmed: s.confirmed ? s.confirmedRight / s.confirmed : null, cut: s.cut, n: s.n },
    ]),
  );
}

async function main() {
  const reads = await readAll(items());
  const none = score(reads, 0, Infinity);
  const sets = [...none.keys()];
  const points = (x: number) => round(x * 100, 1);
  const change = (maxSpan: number, minDetail: number) => {
    const s = score(reads, maxSpan, minDetail);
    return sets.map((set) => {
      const [a, b] = [s.get(set)!, none.get(set)!];
      const confirmed = a.confirmed === null ? '' : ` / ${points(a.confirmed - b.confirmed!)}`;
      return `${points(a.all - b.all)}${confirmed} (${a.cut} cut)`;
    });
  };
  console.log(
    markdownTable(
      ['read from the box', ...sets],
      [
        [
          'accuracy, all / confirmed',
          ...sets.map((set) => `${points(none.get(set)!.all)} / ${points(none.get(set)!.confirmed ?? NaN)}`),
        ],
      ],
    ),
  );
  const rows = SPANS.flatMap((span) => DETAILS.map((d) => [`span < ${span}, detail ≥ ${d}`, ...change(span, d)]));
  console.log(`\nChange in points (all / confirmed), by thresholds:\n`);
  console.log(markdownTable(['band cut', ...sets], rows));
  const shipped = score(reads, BAND_CUT.maxSpan, BAND_CUT.minDetail);
  console.log(
    JSON.stringify({
      eval: 'band-cut-grid',
      shipped: { maxSpan: BAND_CUT.maxSpan, minDetail: BAND_CUT.minDetail },
      sets: Object.fromEntries(
        sets.map((set) => {
          const [a, b] = [shipped.get(set)!, none.get(set)!];
          return [
            set,
            {
              n: a.n,
              cut: a.cut,
              boxed: round(b.all, 4),
              now: round(a.all, 4),
              confirmedBoxed: b.confirmed === null ? null : round(b.confirmed, 4),
              confirmedNow: a.confirmed === null ? null : round(a.confirmed, 4),
            },
          ];
        }),
      ),
    }),
  );
}

await main();
