import { readFileSync } from 'node:fs';
import type { Movie } from '../../models/catalogue/movie';
import { describe, expect, it } from 'vitest';
import { lookOf, LOOK_FEATURES, LOOK_SIZE, type Pixels } from '../../models/look/look';
import {
  lookWords,
  nearestLooks,
  packLooks,
  QUANT,
  standardize,
  typicalDistance2,
  unpackLooks,
  withLooks,
  type LooksFile,
} from '../../models/look/look-index';
import { meanLook, pictureLook } from '../../models/look/picture';
import { posterFiles, readJpeg } from '../../scripts/lib/posters';

const shipped = unpackLooks(JSON.parse(readFileSync('public/catalogue/looks.json', 'utf8')) as LooksFile);
const at = (look: Float32Array, feature: (typeof LOOK_FEATURES)[number]) => look[LOOK_FEATURES.indexOf(feature)]!;

/** A picture filled by `colour(x, y)`. */
function picture(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([...colour(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

/** Adds black bars above and below (a letterboxed frame). */
function letterboxed(p: Pixels, bar: number): Pixels {
  return picture(p.width, p.height + 2 * bar, (x, y) => {
    if (y < bar || y >= p.height + bar) return [0, 0, 0];
    const o = ((y - bar) * p.width + x) * 4;
    return [p.data[o]!, p.data[o + 1]!, p.data[o + 2]!];
  });
}

describe('the look of a picture', () => {
  const night = picture(320, 200, (x, y) => [10 + (x % 7), 20 + (y % 5), 60 + ((x * y) % 40)]);
  const beach = picture(320, 200, (x, y) => (y < 90 ? [120, 190, 240] : [235, 210 + (x % 10), 160]));

  it('measures light and colour as one would say them: a night scene is dark and blue, a beach bright', () => {
    const n = lookOf(night)!;
    const b = lookOf(beach)!;
    expect(n).toHaveLength(LOOK_SIZE);
    expect(at(n, 'lightness')).toBeLessThan(20);
    expect(at(b, 'lightness')).toBeGreaterThan(70);
    expect(at(n, 'coolShare')).toBeGreaterThan(0.9);
    expect(at(n, 'hueBlue') + at(n, 'hueCyan')).toBeGreaterThan(0.9);
    expect(at(b, 'warmShare')).toBeGreaterThan(0.4);
    expect(lookWords(standardize(n, shipped))).toEqual(expect.arrayContaining(['dark', 'blue']));
    expect(lookWords(standardize(b, shipped))).toContain('bright');
    expect(lookWords(standardize(b, shipped))).not.toContain('dark');
  });

  it('ignores letterbox bars and what a mask covers', () => {
    const plain = lookOf(beach)!;
    const boxed = lookOf(letterboxed(beach, 40))!;
    LOOK_FEATURES.forEach((f, k) => expect(boxed[k], f).toBeCloseTo(plain[k]!, 1));
    // A bright face in a dark room: masked, the room's look is left.
    const room = picture(300, 300, (x, y) =>
      x > 100 && x < 200 && y > 100 && y < 200 ? [250, 200, 180] : [15, 20, 50],
    );
    const face = { x: 100, y: 100, width: 100, height: 100 };
    expect(at(lookOf(room, [face])!, 'lightness')).toBeLessThan(at(lookOf(room)!, 'lightness') - 10);
    expect(lookOf(room, [{ x: 0, y: 0, width: 300, height: 300 }])).toBeNull();
  });

  it('is the same for the same picture at another size (measured at one scale)', () => {
    const small = lookOf(night)!;
    const large = lookOf(
      picture(1280, 800, (x, y) => [10 + ((x >> 2) % 7), 20 + ((y >> 2) % 5), 60 + (((x >> 2) * (y >> 2)) % 40)]),
    )!;
    expect(at(large, 'lightness')).toBeCloseTo(at(small, 'lightness'), 0);
  });
});

describe('the shipped film looks', () => {
  it('are the look of the real posters, as the extension measures them (one code for both)', () => {
    const files = posterFiles();
    for (const id of [1, 260, 318, 2571]) {
      const rows = shipped.rows.get(id)!;
      expect(rows.length, String(id)).toBe(files.get(id)!.length);
      const z = standardize(lookOf(readJpeg(files.get(id)![0]!))!, shipped);
      const nearest = nearestLooks(z, shipped);
      expect(nearest.get(id)!.d2, String(id)).toBeLessThan(LOOK_SIZE / QUANT ** 2 + 1e-3);
    }
  });

  it('pack and unpack without loss beyond int8, weights kept, and refuse another feature list', () => {
    const looks = new Map([
      [1, [Float32Array.from({ length: LOOK_SIZE }, (_, k) => k)]],
      [
        2,
        [
          Float32Array.from({ length: LOOK_SIZE }, (_, k) => 2 * k + 1),
          Float32Array.from({ length: LOOK_SIZE }, () => 3),
        ],
      ],
    ]);
    const file = packLooks(looks, new Float32Array(LOOK_SIZE).fill(2));
    const index = unpackLooks(file);
    expect([...index.movieIds]).toEqual([1, 2, 2]);
    expect(index.rows.get(2)).toEqual([1, 2]);
    expect([...index.weights]).toEqual(new Array(LOOK_SIZE).fill(2));
    expect(() => unpackLooks({ ...file, features: ['lightness'] })).toThrow(/does not match/);
    expect(() => unpackLooks({ ...file, movieIds: [1] })).toThrow(/cut short/);
  });

  it('rate a film like the picture 1 for its own look, ½ at the typical distance, and leave out films without one', () => {
    const id = shipped.movieIds[0]!;
    const row = shipped.vectors.subarray(0, LOOK_SIZE);
    const raw = Array.from(row, (z, k) => z * shipped.std[k]! + shipped.mean[k]!);
    const look = pictureLook(raw, shipped, typicalDistance2(shipped));
    expect(look.likeness(id)).toBeCloseTo(1, 5);
    expect(look.likeness(-42)).toBeNull();
    expect(look.sharedWords(id)).toEqual(look.words);
    // By catalogue position, as the ranker reads it: the same figure, NaN where `likeness` says null.
    const films = [...shipped.movieIds.slice(0, 50), -42].map((movieId) => ({ movieId }) as Movie);
    const byPosition = look.likenessOf(films);
    films.forEach((m, i) => expect(byPosition[i]).toEqual(look.likeness(m.movieId) ?? NaN));
    expect(meanLook([null, raw, raw])).toEqual(raw.map((v) => expect.closeTo(v, 5)));
    expect(meanLook([null])).toBeNull();
  });
});

describe('looks measured on the device', () => {
  it('add only the films the shipped looks lack, standardised the same way', () => {
    const known = shipped.movieIds[0]!;
    const raw = Array.from({ length: LOOK_SIZE }, (_, k) => shipped.mean[k]! + shipped.std[k]!);
    const merged = withLooks(
      shipped,
      new Map([
        [known, raw],
        [-7, raw],
      ]),
    );
    expect(merged.rows.get(known)).toEqual(shipped.rows.get(known));
    expect(merged.movieIds.length).toBe(shipped.movieIds.length + 1);
    const row = merged.rows.get(-7)![0]!;
    for (const v of merged.vectors.subarray(row * LOOK_SIZE, (row + 1) * LOOK_SIZE)) expect(v).toBeCloseTo(1, 4);
    expect(pictureLook(raw, merged, typicalDistance2(shipped)).likeness(-7)).toBeCloseTo(1, 5);
    expect(withLooks(shipped, new Map())).toBe(shipped);
  });
});
