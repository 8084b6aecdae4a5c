/**
 * What a screen capture of a poster might look like (a poster on a page, or a film's frame in a player): used to fit
 * the look's feature weights on the tuning part (look:build) and to check robustness on the reporting part
 * (look:eval).
 */
import jpeg from 'jpeg-js';
import type { Pixels } from '../../models/look/look';
import { resizeRgba } from './image';

/** What a screen capture of a poster on a page or in a player might look like. */
export function capture(poster: Pixels, random: () => number): Pixels {
  const keepW = 0.85 + 0.15 * random();
  const keepH = 0.85 + 0.15 * random();
  const w = Math.round(poster.width * keepW);
  const h = Math.round(poster.height * keepH);
  const ox = Math.floor(random() * (poster.width - w + 1));
  const oy = Math.floor(random() * (poster.height - h + 1));
  const crop = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    crop.set(
      poster.data.subarray(((oy + y) * poster.width + ox) * 4, ((oy + y) * poster.width + ox + w) * 4),
      y * w * 4,
    );
  const height = 240 + Math.floor(random() * 240);
  let frame = resizeRgba({ width: w, height: h, data: crop }, Math.round((w * height) / h), height);
  const gain = 0.85 + 0.3 * random();
  const shift = [0, 1, 2].map(() => (random() - 0.5) * 16);
  for (let i = 0; i < frame.data.length; i += 4)
    for (let c = 0; c < 3; c++) frame.data[i + c] = frame.data[i + c]! * gain + shift[c]!;
  if (random() < 0.5) {
    // Pillarboxed into a 16:9 player.
    const W = Math.round((height * 16) / 9);
    const boxed = new Uint8ClampedArray(W * height * 4);
    for (let i = 3; i < boxed.length; i += 4) boxed[i] = 255;
    const left = Math.floor((W - frame.width) / 2);
    for (let y = 0; y < height; y++)
      boxed.set(frame.data.subarray(y * frame.width * 4, (y + 1) * frame.width * 4), (y * W + left) * 4);
    frame = { width: W, height, data: boxed };
  }
  const quality = 60 + Math.floor(random() * 31);
  const encoded = jpeg.encode({ ...frame, data: Buffer.from(frame.data.buffer) }, quality);
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}
