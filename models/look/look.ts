/**
 * The look of a picture: a small vector of how it looks (light, contrast, colour, colourfulness, hues, texture), the
 * same in the catalogue build (poster thumbnails) and in the extension (the captured scene, faces masked out). Pure:
 * pixels in, numbers out.
 *
 * The picture is first averaged down to at most LOOK_SIDE pixels on its longer side (so a 100×150 poster and a
 * 1280×720 frame are measured at the same scale), black bars at its edges are trimmed (a letterboxed frame is its
 * picture, not its bars), then every kept pixel is measured in CIELAB (D65).
 */

import type { Box } from '../mood/faces';

/** RGBA pixels, row by row (an ImageData, or a decoded JPEG). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** The features, in vector order. */
export const LOOK_FEATURES = [
  'lightness',
  'lightnessSpread',
  'greenRed',
  'blueYellow',
  'chroma',
  'colourfulness',
  'darkShare',
  'brightShare',
  'warmShare',
  'coolShare',
  'hueRed',
  'hueYellow',
  'hueGreen',
  'hueCyan',
  'hueBlue',
  'hueMagenta',
  'edges',
  'contrast',
] as const;
export type LookFeature = (typeof LOOK_FEATURES)[number];
export const LOOK_SIZE = LOOK_FEATURES.length;

/** The longer side the picture is measured at. */
export const LOOK_SIDE = 96;
/** A border row or column this dark on average (L*), and this even, is a bar, not picture. */
const BAR_LIGHTNESS = 10;
const BAR_SPREAD = 4;
/** What bars leave must be at least this light on average (L*) to count as the picture between bars. */
const PICTURE_LIGHTNESS = 20;
/** Chroma (C*ab) below which a pixel has no hue worth counting. */
const HUED = 12;
/** A lightness step between neighbours (L*) that counts as an edge. */
const EDGE_STEP = 12;

/** A lookup table from each 8-bit channel value to its linear light, shared by every call. */
const LINEAR = new Float64Array(256).map((_, c) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
});

/** CIELAB's companding function. */
function labF(t: number): number {
  return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116;
}

interface Small {
  width: number;
  height: number;
  /** Averaged RGB, 0–255, three per pixel. */
  rgb: Float32Array;
  /** 1 where the pixel counts, 0 where a box covered it. */
  keep: Uint8Array;
}

/** Averages the picture down to at most LOOK_SIDE on its longer side; `masked` boxes (faces) are left out. */
function shrink(pixels: Pixels, masked: readonly Box[]): Small {
  const scale = Math.min(1, LOOK_SIDE / Math.max(pixels.width, pixels.height));
  const width = Math.max(1, Math.round(pixels.width * scale));
  const height = Math.max(1, Math.round(pixels.height * scale));
  const rgb = new Float32Array(width * height * 3);
  const keep = new Uint8Array(width * height);
  const sx = pixels.width / width;
  const sy = pixels.height / height;
  // At most 4×4 source pixels per small pixel: enough to average, and the cost stays fixed for large frames.
  const stepX = Math.max(1, Math.floor(sx / 4));
  const stepY = Math.max(1, Math.floor(sy / 4));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cx = (x + 0.5) * sx;
      const cy = (y + 0.5) * sy;
      const inBox =
        masked.length > 0 && masked.some((b) => cx >= b.x && cx < b.x + b.width && cy >= b.y && cy < b.y + b.height);
      const i = y * width + x;
      if (inBox) continue;
      let r = 0;
      let g = 0;
      let bl = 0;
      let count = 0;
      const y1 = Math.min(pixels.height, Math.ceil((y + 1) * sy));
      const x1 = Math.min(pixels.width, Math.ceil((x + 1) * sx));
      for (let py = Math.floor(y * sy); py < y1; py += stepY) {
        for (let px = Math.floor(x * sx); px < x1; px += stepX) {
          const o = (py * pixels.width + px) * 4;
          r += pixels.data[o]!;
          g += pixels.data[o + 1]!;
          bl += pixels.data[o + 2]!;
          count++;
        }
      }
      if (count === 0) continue;
      rgb[i * 3] = r / count;
      rgb[i * 3 + 1] = g / count;
      rgb[i * 3 + 2] = bl / count;
      keep[i] = 1;
    }
  }
  return { width, height, rgb, keep };
}

/** The rows and columns inside any black bars at the picture's edges (letterbox, pillarbox). */
function trimBars(L: Float32Array, width: number, height: number): { x0: number; x1: number; y0: number; y1: number } {
  const isBar = (values: number[]) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    return mean < BAR_LIGHTNESS && spread < BAR_SPREAD;
  };
  const row = (y: number) => Array.from({ length: width }, (_, x) => L[y * width + x]!);
  const col = (x: number) => Array.from({ length: height }, (_, y) => L[y * width + x]!);
  let y0 = 0;
  let y1 = height;
  let x0 = 0;
  let x1 = width;
  // Never trim more than a third from a side: a dark picture is not all bars.
  while (y0 < height / 3 && isBar(row(y0))) y0++;
  while (y1 > (2 * height) / 3 && isBar(row(y1 - 1))) y1--;
  while (x0 < width / 3 && isBar(col(x0))) x0++;
  while (x1 > (2 * width) / 3 && isBar(col(x1 - 1))) x1--;
  return { x0, x1, y0, y1 };
}

/** Lightness (L*, 0–100) counted in bins of 0.1: quantiles without sorting. */
const L_BINS = 1001;

/**
 * The trimmed area, or the whole picture when what the bars leave is itself dark (a night scene is not all bars) or
 * is all masked.
 */
function keptInside(
  area: { x0: number; x1: number; y0: number; y1: number },
  L: Float32Array,
  keep: Uint8Array,
  width: number,
  height: number,
): { x0: number; x1: number; y0: number; y1: number } {
  let sum = 0;
  let n = 0;
  for (let y = area.y0; y < area.y1; y++)
    for (let x = area.x0; x < area.x1; x++)
      if (keep[y * width + x]) {
        sum += L[y * width + x]!;
        n++;
      }
  return n > 0 && sum / n > PICTURE_LIGHTNESS ? area : { x0: 0, x1: width, y0: 0, y1: height };
}

function quantile(histogram: Uint32Array, count: number, q: number): number {
  const rank = Math.round(q * (count - 1));
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin]!;
    if (seen > rank) return bin / 10;
  }
  return 100;
}

/**
 * The look of a picture (LOOK_FEATURES, in order), with `masked` boxes (faces) left out. Null when nothing of the
 * picture is left to measure.
 */
export function lookOf(pixels: Pixels, masked: readonly Box[] = []): Float32Array | null {
  const small = shrink(pixels, masked);
  const { width, height, rgb, keep } = small;
  const n = width * height;
  const L = new Float32Array(n);
  const A = new Float32Array(n);
  const B = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const R = LINEAR[Math.round(rgb[i * 3]!)]!;
    const G = LINEAR[Math.round(rgb[i * 3 + 1]!)]!;
    const Bl = LINEAR[Math.round(rgb[i * 3 + 2]!)]!;
    const fx = labF((0.4124564 * R + 0.3575761 * G + 0.1804375 * Bl) / 0.95047);
    const fy = labF(0.2126729 * R + 0.7151522 * G + 0.072175 * Bl);
    const fz = labF((0.0193339 * R + 0.119192 * G + 0.9503041 * Bl) / 1.08883);
    L[i] = 116 * fy - 16;
    A[i] = 500 * (fx - fy);
    B[i] = 200 * (fy - fz);
  }
  const { x0, x1, y0, y1 } = keptInside(trimBars(L, width, height), L, keep, width, height);

  let count = 0;
  let sumL = 0;
  let sumL2 = 0;
  let sumA = 0;
  let sumB = 0;
  let sumC = 0;
  let dark = 0;
  let bright = 0;
  let warm = 0;
  let cool = 0;
  let rgS = 0;
  let rgS2 = 0;
  let ybS = 0;
  let ybS2 = 0;
  let edges = 0;
  let edgeCount = 0;
  const hues = new Float64Array(6);
  const lightness = new Uint32Array(L_BINS);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      if (!keep[i]) continue;
      const l = L[i]!;
      const a = A[i]!;
      const b = B[i]!;
      const c = Math.hypot(a, b);
      count++;
      sumL += l;
      sumL2 += l * l;
      sumA += a;
      sumB += b;
      sumC += c;
      lightness[Math.min(L_BINS - 1, Math.max(0, Math.round(l * 10)))]!++;
      if (l < 30) dark++;
      if (l > 75) bright++;
      if (c > HUED) {
        const h = ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
        if (h < 100 || h >= 330) warm++;
        else if (h >= 160 && h < 300) cool++;
        hues[Math.floor(h / 60)]! += c;
      }
      const r = rgb[i * 3]!;
      const g = rgb[i * 3 + 1]!;
      const bl = rgb[i * 3 + 2]!;
      const rg = r - g;
      const yb = 0.5 * (r + g) - bl;
      rgS += rg;
      rgS2 += rg * rg;
      ybS += yb;
      ybS2 += yb * yb;
      // Edges between kept neighbours inside the picture (right and down).
      if (x + 1 < x1 && keep[i + 1]) {
        edgeCount++;
        if (Math.abs(L[i + 1]! - l) > EDGE_STEP) edges++;
      }
      if (y + 1 < y1 && keep[i + width]) {
        edgeCount++;
        if (Math.abs(L[i + width]! - l) > EDGE_STEP) edges++;
      }
    }
  }
  if (count === 0) return null;
  const meanL = sumL / count;
  const rgMean = rgS / count;
  const ybMean = ybS / count;
  const colourfulness =
    Math.sqrt(Math.max(0, rgS2 / count - rgMean ** 2) + Math.max(0, ybS2 / count - ybMean ** 2)) +
    0.3 * Math.hypot(rgMean, ybMean);
  const hueTotal = hues.reduce((s, v) => s + v, 0);
  const look = new Float32Array(LOOK_SIZE);
  look.set([
    meanL,
    Math.sqrt(Math.max(0, sumL2 / count - meanL ** 2)),
    sumA / count,
    sumB / count,
    sumC / count,
    colourfulness,
    dark / count,
    bright / count,
    warm / count,
    cool / count,
    ...Array.from(hues, (h) => (hueTotal > 0 ? h / hueTotal : 0)),
    edgeCount > 0 ? edges / edgeCount : 0,
    quantile(lightness, count, 0.95) - quantile(lightness, count, 0.05),
  ]);
  return look;
}
