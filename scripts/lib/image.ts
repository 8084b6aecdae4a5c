/** Small pure-JS image helpers for evaluation scripts (JPEG/PNG decoding stays out of the extension). */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
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

/** A JPEG's pixels as packed RGB (jpeg-js decodes to RGBA). */
function fromJpeg(bytes: Buffer | Uint8Array): RgbImage {
  const img = jpeg.decode(bytes, { useTArray: true });
  const rgb = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) {
    rgb[j] = img.data[i]!;
    rgb[j + 1] = img.data[i + 1]!;
    rgb[j + 2] = img.data[i + 2]!;
  }
  return { width: img.width, height: img.height, rgb };
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
