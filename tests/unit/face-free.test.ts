/**
 * Frames with no face in them stay face-free through every look the analyzer takes (TinyFaceDetector, its
 * low-threshold retry, and SSD MobileNet as the last resort), as shipped, in Node on the real weights: parts of a real
 * photo without a face (a space suit and a helmet, a shuttle model, a flag) and synthetic frames. A mood read off a
 * helmet would be worse than "No face found".
 */
import { join } from 'node:path';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer, type FaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import { NODE_MODELS, startWasm, tf } from '../../scripts/lib/expression-features';
import { decodeImage, type RgbImage } from '../../scripts/lib/image';
import { FACES } from '../support/images';

function crop(img: RgbImage, x: number, y: number, width: number, height: number): RgbImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++)
    rgb.set(img.rgb.subarray(((y + r) * img.width + x) * 3, ((y + r) * img.width + x + width) * 3), r * width * 3);
  return { width, height, rgb };
}

function synthetic(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]) {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(pixel(x, y), (y * width + x) * 3);
  return { width, height, rgb };
}

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  await startWasm();
  analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny', 'ssd']);
}, 60_000);

describe('face-free frames', () => {
  it('find no face with every look the shipped analyzer takes', async () => {
    expect(DEFAULT_ANALYZER_CONFIG.fallbackDetector).toBe('ssd');
    const astronaut = decodeImage(join(FACES, 'skimage_astronaut.png'));
    let seed = 7;
    const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const frames: Record<string, RgbImage> = {
      'space suit and helmet': crop(astronaut, 0, 300, 512, 212),
      'shuttle model': crop(astronaut, 340, 0, 172, 300),
      flag: crop(astronaut, 0, 0, 110, 300),
      grey: synthetic(640, 480, () => [128, 128, 128]),
      noise: synthetic(640, 480, () => [noise(), noise(), noise()]),
      'colour bars': synthetic(
        640,
        480,
        (x) =>
          [
            [255, 0, 0],
            [0, 255, 0],
            [0, 0, 255],
            [255, 255, 0],
          ][Math.floor(x / 160)] as [number, number, number],
      ),
    };
    for (const [name, img] of Object.entries(frames)) {
      const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
      const faces = await analyzer.predict(t as never);
      t.dispose();
      expect(faces, name).toEqual([]);
    }
    // The same analyzer finds the astronaut's face in the whole photo: the frames above are empty, not the analyzer.
    const whole = tf.tensor3d(astronaut.rgb, [astronaut.height, astronaut.width, 3], 'int32');
    expect(await analyzer.predict(whole as never)).toHaveLength(1);
    whole.dispose();
  }, 60_000);
});
