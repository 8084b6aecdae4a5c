/**
 * The detail the analyzer measures on each face (models/face/detail.ts), which the stated chance reads: in Node on
 * the real weights, a real photo's face holds more detail than the same face once it has been small (scaled down to
 * a FER-sized face and back up) or blurred, and a FER2013 face on a webcam-like frame less than a real-size face. The
 * reading's class balance follows it: a sharp face is read with the sharp faces' bias, a small one with FER's.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer, shippedView, type FaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import { blendLogits, EXPRESSION_CNN } from '../../models/face/expression-cnn';
import { EMOTIONS } from '../../models/mood/emotions';
import { softmax } from '../../models/probability';
import { NODE_MODELS, startWasm, tf } from '../../scripts/lib/expression-features';
import {
  decodeImage,
  decodeJpeg,
  framedPhoto,
  parseFraming,
  resize,
  webcamFrame,
  type RgbImage,
} from '../../scripts/lib/image';
import { FACES, FER_PUBLIC_TEST, SHARED_DATA } from '../support/images';

let analyzer: FaceAnalyzer;
beforeAll(async () => {
  await startWasm();
  analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny']);
}, 60_000);

/** `read` on the image as a tensor, which is then freed. */
async function onImage<T>(img: RgbImage, read: (input: never) => Promise<T>): Promise<T> {
  const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
  try {
    return await read(t as never);
  } finally {
    t.dispose();
  }
}

/** The detail of each face the analyzer finds, as `predict` reports it (what the mood reads). */
async function details(img: RgbImage): Promise<number[]> {
  return (await onImage(img, (t) => analyzer.predict(t))).map((f) => f.detail);
}

/** The faces the analyzer finds, with what each view gave. */
const facesIn = (img: RgbImage) => onImage(img, (t) => analyzer.predictViews(t));

/** A 3×3 box blur, `times` over. */
function blur(img: RgbImage, times: number): RgbImage {
  let rgb = img.rgb;
  for (let n = 0; n < times; n++) {
    const out = new Uint8Array(rgb.length);
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++)
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          let count = 0;
          for (let dy = -1; dy <= 1; dy++)
            for (let dx = -1; dx <= 1; dx++) {
              const yy = y + dy;
              const xx = x + dx;
              if (yy < 0 || xx < 0 || yy >= img.height || xx >= img.width) continue;
              sum += rgb[(yy * img.width + xx) * 3 + c]!;
              count++;
            }
          out[(y * img.width + x) * 3 + c] = Math.round(sum / count);
        }
    rgb = out;
  }
  return { ...img, rgb };
}

describe('face detail', () => {
  it('is higher for a sharp real-size face than for the same face once small or blurred, with no tensor left', async () => {
    const astronaut = decodeImage(join(FACES, 'skimage_astronaut.png'));
    const before = tf.memory().numTensors;
    const [sharp] = await details(astronaut);
    const [once48] = await details(resize(resize(astronaut, 120, 120), astronaut.width, astronaut.height));
    const [blurred] = await details(blur(astronaut, 4));
    expect(tf.memory().numTensors).toBe(before);
    expect(sharp).toBeGreaterThan(once48! + 1);
    expect(sharp).toBeGreaterThan(blurred! + 1);
  }, 60_000);

  it('is lower for FER2013 faces on webcam-like frames than for a real-size face', async () => {
    const [photo] = await details(decodeImage(join(FACES, 'skimage_astronaut.png')));
    const folder = join(FER_PUBLIC_TEST, 'happy');
    const fer: number[] = [];
    for (const file of readdirSync(folder).sort().slice(0, 8))
      fer.push(...(await details(webcamFrame(decodeJpeg(join(folder, file))))));
    expect(fer.length).toBeGreaterThan(4);
    for (const d of fer) expect(d).toBeLessThan(photo!);
  }, 60_000);

  it('picks the class balance a face is read with: the sharp faces’ bias from the mark on, FER’s below it', async () => {
    const sharp = EXPRESSION_CNN.blend.sharp;
    expect(sharp).toBeDefined();
    const head = shippedView({ calibrate: true, cnn: 'off' }, analyzer.faceApiHead());
    const astronaut = decodeImage(join(FACES, 'skimage_astronaut.png'));
    const photo = (await facesIn(astronaut))[0]!;
    const small = (await facesIn(resize(resize(astronaut, 120, 120), astronaut.width, astronaut.height)))[0]!;
    expect(photo.detail).toBeGreaterThanOrEqual(sharp!.from);
    expect(small.detail).toBeLessThan(sharp!.from);
    for (const face of [photo, small]) {
      const [view] = face.views;
      expect(view!.detail).toBe(face.detail);
      const bias = face === photo ? sharp!.bias : EXPRESSION_CNN.blend.bias;
      const expected = softmax(blendLogits(head(view!), view!.cnn!, 0, { weight: EXPRESSION_CNN.blend.weight, bias }));
      const shipped = shippedView({ calibrate: true, cnn: 'blend' }, analyzer.faceApiHead())(view!);
      EMOTIONS.forEach((_, c) => expect(shipped[c]).toBeCloseTo(expected[c]!, 12));
    }
  }, 60_000);
});

describe('the band cut', () => {
  const taiwan = join(SHARED_DATA, 'faces-expressions/taiwan-performers/happy');
  /** The CNN's logits for each face found, with the shipped band cut or without any. */
  const logits = async (img: RgbImage, band: boolean) =>
    (await onImage(img, (t) => analyzer.predictViews(t, band ? {} : { bandCut: null }))).map((f) => [
      ...f.views[0]!.cnn!,
    ]);

  it('reads a sharp face in a larger frame from the band, and a face that fills its photo or a FER face as boxed', async () => {
    const photo = decodeImage(join(taiwan, readdirSync(taiwan).sort()[0]!));
    const framed = framedPhoto(photo, { width: 562, height: 762, side: 256 });
    const fer = webcamFrame(
      decodeJpeg(join(FER_PUBLIC_TEST, 'happy', readdirSync(join(FER_PUBLIC_TEST, 'happy'))[0]!)),
    );
    const before = tf.memory().numTensors;
    const [inFrame, inFrameBoxed] = [await logits(framed, true), await logits(framed, false)];
    expect(inFrame).toHaveLength(1);
    expect(inFrame[0]).not.toEqual(inFrameBoxed[0]);
    expect(await logits(photo, true)).toEqual(await logits(photo, false));
    expect(await logits(fer, true)).toEqual(await logits(fer, false));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('reads a real face from the band in a noisy, compressed webcam frame too', async () => {
    const photo = decodeImage(join(taiwan, readdirSync(taiwan).sort()[0]!));
    const webcam = framedPhoto(photo, parseFraming('640x480:200:webcam'));
    expect(webcam).toEqual(framedPhoto(photo, parseFraming('640x480:200:webcam')));
    expect(webcam.rgb).not.toEqual(framedPhoto(photo, parseFraming('640x480:200')).rgb);
    const [inFrame, inFrameBoxed] = [await logits(webcam, true), await logits(webcam, false)];
    expect(inFrame).toHaveLength(1);
    expect(inFrame[0]).not.toEqual(inFrameBoxed[0]);
  }, 60_000);
});
