/** Small pure-JS image helpers for evaluation scripts (JPEG/PNG decoding stays out of the extension). */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { rng } from '../../models/learning/linalg';
import type { Pixels } from '../../models/look/look';

export interface RgbImage {
  width: number;
  height: number;
  /** Packed RGB, row-major. */
  rgb: Uint8Array;
}

export function decodeJpeg(path: string): RgbImage {
  return fromJpeg(readFileSync(path));
}

/** A JPEG's pixels as packed RGB (jpeg-js decodes to RGBA), stored as they are (no EXIF turn). */
function fromJpeg(bytes: Buffer | Uint8Array): RgbImage {
  return rgbOfJpeg(jpeg.decode(bytes, { useTArray: true }));
}

function rgbOfJpeg(img: { width: number; height: number; data: Uint8Array }): RgbImage {
  const rgb = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) {
    rgb[j] = img.data[i]!;
    rgb[j + 1] = img.data[i + 1]!;
    rgb[j + 2] = img.data[i + 2]!;
  }
  return { width: img.width, height: img.height, rgb };
}

/** What a file's first bytes say it is; its name may say otherwise (a PNG saved as .jpg). */
export type ImageKind = 'JPEG' | 'PNG' | 'TIFF' | 'WebP' | 'BMP' | 'GIF' | 'HEIF or AVIF' | 'not an image';

export function imageKind(head: Uint8Array): ImageKind {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  const text = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'JPEG';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'PNG';
  if (text(0, 'II*\0') || text(0, 'MM\0*')) return 'TIFF';
  if (text(0, 'RIFF') && text(8, 'WEBP')) return 'WebP';
  if (text(0, 'BM')) return 'BMP';
  if (text(0, 'GIF8')) return 'GIF';
  if (text(4, 'ftyp')) return 'HEIF or AVIF';
  return 'not an image';
}

/** The first bytes of a file, enough for `imageKind`. */
export function fileHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(16);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * A photo file as packed RGB, as a browser shows it: JPEG or PNG told apart by the bytes, not the name; a JPEG turned
 * as its EXIF orientation says (a phone's portrait stored sideways; the extension's createImageBitmap does the same);
 * PNG alpha over white. Any other kind throws, naming it (the caller names the file).
 */
export function decodeImage(path: string): RgbImage {
  const bytes = readFileSync(path);
  const kind = imageKind(bytes.subarray(0, 16));
  if (kind === 'JPEG') {
    // jpeg-js keeps the EXIF block but its types do not say so.
    const img = jpeg.decode(bytes, { useTArray: true }) as ReturnType<typeof jpeg.decode> & { exifBuffer?: Uint8Array };
    return oriented(rgbOfJpeg(img), exifOrientation(img.exifBuffer));
  }
  if (kind !== 'PNG') throw new Error(kind === 'not an image' ? 'not an image' : `a ${kind} image, not JPEG or PNG`);
  const png = PNG.sync.read(bytes);
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
    const a = png.data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) rgb[j + c] = Math.round(png.data[i + c]! * a + 255 * (1 - a));
  }
  return { width: png.width, height: png.height, rgb };
}

/** The orientation (1–8) an EXIF block gives its image; 1 (as stored) when it gives none. */
export function exifOrientation(exif: Uint8Array | undefined): number {
  if (!exif) return 1;
  // The TIFF header sits just after "Exif\0\0"; how much of that prefix a decoder keeps varies.
  let t = -1;
  for (let i = 0; i + 4 <= Math.min(exif.length, 12) && t < 0; i++)
    if ((exif[i] === 0x49 && exif[i + 1] === 0x49) || (exif[i] === 0x4d && exif[i + 1] === 0x4d)) t = i;
  if (t < 0 || t + 8 > exif.length) return 1;
  const little = exif[t] === 0x49;
  const u16 = (o: number) => (little ? exif[o]! | (exif[o + 1]! << 8) : (exif[o]! << 8) | exif[o + 1]!);
  const u32 = (o: number) => (little ? u16(o) + u16(o + 2) * 65536 : u16(o) * 65536 + u16(o + 2));
  const ifd = t + u32(t + 4);
  if (ifd + 2 > exif.length) return 1;
  for (let k = 0, n = u16(ifd); k < n; k++) {
    const entry = ifd + 2 + 12 * k;
    if (entry + 12 > exif.length) break;
    if (u16(entry) === 0x0112) {
      const v = u16(entry + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/** `img` as shown under EXIF orientation `orientation`: mirrored, turned, or both. */
export function oriented(img: RgbImage, orientation: number): RgbImage {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: w, height: h } = img;
  const swap = orientation >= 5;
  const width = swap ? h : w;
  const height = swap ? w : h;
  // Where each shown pixel (x, y) is stored.
  const source: Record<number, (x: number, y: number) => [number, number]> = {
    2: (x, y) => [w - 1 - x, y],
    3: (x, y) => [w - 1 - x, h - 1 - y],
    4: (x, y) => [x, h - 1 - y],
    5: (x, y) => [y, x],
    6: (x, y) => [y, h - 1 - x],
    7: (x, y) => [w - 1 - y, h - 1 - x],
    8: (x, y) => [w - 1 - y, x],
  };
  const from = source[orientation]!;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [sx, sy] = from(x, y);
      const o = (y * width + x) * 3;
      const i = (sy * w + sx) * 3;
      rgb[o] = img.rgb[i]!;
      rgb[o + 1] = img.rgb[i + 1]!;
      rgb[o + 2] = img.rgb[i + 2]!;
    }
  return { width, height, rgb };
}

/**
 * Bilinear resampling of `channels`-interleaved pixels from `w`×`h` to `width`×`height`; `write(i, v)` stores each
 * sample, so each caller keeps its own rounding.
 */
export function bilinear(
  src: ArrayLike<number>,
  w: number,
  h: number,
  channels: number,
  width: number,
  height: number,
  write: (i: number, v: number) => void,
): void {
  for (let y = 0; y < height; y++) {
    const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / height - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / width - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      for (let c = 0; c < channels; c++) {
        const p = (yy: number, xx: number) => src[(yy * w + xx) * channels + c]!;
        const v = (1 - fy) * ((1 - fx) * p(y0, x0) + fx * p(y0, x1)) + fy * ((1 - fx) * p(y1, x0) + fx * p(y1, x1));
        write((y * width + x) * channels + c, v);
      }
    }
  }
}

/** Bilinear resize of packed RGB, rounded. */
export function resize(img: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  bilinear(img.rgb, img.width, img.height, 3, width, height, (i, v) => (out[i] = Math.round(v)));
  return { width, height, rgb: out };
}

/** The image made `factor` times taller (1.25 shows the squeezed Taiwan photos' faces in their own proportions). */
export function taller(img: RgbImage, factor: number): RgbImage {
  return factor === 1 ? img : resize(img, img.width, Math.round(img.height * factor));
}

/** Bilinear resize of RGBA pixels (as the look reads them), clamped to bytes. */
export function resizeRgba(p: Pixels, width: number, height: number): Pixels {
  const out = new Uint8ClampedArray(width * height * 4);
  bilinear(p.data, p.width, p.height, 4, width, height, (i, v) => (out[i] = v));
  return { width, height, data: out };
}

/** The webcam-like frame of `webcamFrame` and the side of the face on it. */
export const WEBCAM_FRAME = { width: 640, height: 480 } as const;
export const WEBCAM_FACE_SIDE = 240;

/** The image scaled into a `fit`-pixel square and centred on a grey 640×480 frame, as a face in front of a webcam. */
export function webcamFrame(img: RgbImage, fit = WEBCAM_FACE_SIDE): RgbImage {
  const { width: W, height: H } = WEBCAM_FRAME;
  const scale = fit / Math.max(img.width, img.height);
  const face = resize(img, Math.round(img.width * scale), Math.round(img.height * scale));
  const frame = { width: W, height: H, rgb: new Uint8Array(W * H * 3).fill(128) };
  const ox = Math.floor((W - face.width) / 2);
  const oy = Math.floor((H - face.height) / 2);
  for (let y = 0; y < face.height; y++)
    frame.rgb.set(face.rgb.subarray(y * face.width * 3, (y + 1) * face.width * 3), ((oy + y) * W + ox) * 3);
  return frame;
}

/** A larger frame for a photo: its longer side scaled to `side` on a light-grey canvas, where a portrait's head sits. */
export interface Framing {
  width: number;
  height: number;
  side: number;
  /** As a webcam sends the frame: with sensor noise, then JPEG-compressed (`webcamNoise`). */
  webcam?: boolean;
}

/** Reads "562x762:358" (canvas width x height, then the photo's longer side), or "640x480:200:webcam". */
export function parseFraming(text: string): Framing {
  const m = /^(\d+)x(\d+):(\d+)(:webcam)?$/.exec(text);
  const framing = m
    ? { width: Number(m[1]), height: Number(m[2]), side: Number(m[3]), ...(m[4] ? { webcam: true } : {}) }
    : null;
  if (!framing || framing.side > Math.min(framing.width, framing.height))
    throw new Error(
      `A framing is "<width>x<height>:<side>" (":webcam" after it adds a webcam's noise and JPEG) with the side ` +
        `within the canvas, not "${text}"`,
    );
  return framing;
}

/** What a webcam adds: sensor noise (σ ≈ 4 levels) and JPEG compression at quality 75. */
export const WEBCAM_NOISE = { sigma: 4, quality: 75 } as const;

/**
 * The image as a webcam might send it: each channel of each pixel moved by sensor noise (seeded by the image itself,
 * so the same image always gets the same noise), then JPEG-encoded and decoded.
 */
export function webcamNoise(img: RgbImage): RgbImage {
  let seed = 2166136261;
  for (let i = 0; i < img.rgb.length; i += 101) seed = Math.imul(seed ^ img.rgb[i]!, 16777619) >>> 0;
  const random = rng(seed);
  // The sum of four uniforms, centred: close to normal, with the variance of one uniform times four (1/3).
  const scale = WEBCAM_NOISE.sigma * Math.sqrt(3);
  const rgba = Buffer.alloc(img.width * img.height * 4, 255);
  for (let i = 0, j = 0; j < img.rgb.length; i += 4, j += 3)
    for (let c = 0; c < 3; c++) {
      const noise = (random() + random() + random() + random() - 2) * scale;
      rgba[i + c] = Math.max(0, Math.min(255, Math.round(img.rgb[j + c]! + noise)));
    }
  return fromJpeg(jpeg.encode({ width: img.width, height: img.height, data: rgba }, WEBCAM_NOISE.quality).data);
}

/**
 * The photo in a larger frame, as a studio portrait or a webcam shows a face: centred across, its middle at 0.35 of
 * the canvas's height (and the photo wholly inside it), on light grey.
 */
export function framedPhoto(img: RgbImage, framing: Framing): RgbImage {
  const { width: W, height: H, side } = framing;
  const scale = side / Math.max(img.width, img.height);
  const photo = resize(img, Math.round(img.width * scale), Math.round(img.height * scale));
  const out = { width: W, height: H, rgb: new Uint8Array(W * H * 3).fill(220) };
  const ox = Math.floor((W - photo.width) / 2);
  const oy = Math.min(H - photo.height, Math.max(0, Math.round(0.35 * H - photo.height / 2)));
  for (let y = 0; y < photo.height; y++)
    out.rgb.set(photo.rgb.subarray(y * photo.width * 3, (y + 1) * photo.width * 3), ((oy + y) * W + ox) * 3);
  return framing.webcam ? webcamNoise(out) : out;
}
