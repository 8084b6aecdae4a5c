import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  balanceBias,
  blendLogits,
  cnnWeightFiles,
  createExpressionCnn,
  decodeFloat16,
  ensembleLogits,
  EXPRESSION_CNN,
  type ExpressionCnn,
} from '../../models/face/expression-cnn';
import { mirrorImage } from '../../models/face/mirror';
import { softmax } from '../../models/probability';
import { EMOTIONS } from '../../models/mood/emotions';
import { emotionNamed } from '../../scripts/lib/fer';
import { decodeJpeg } from '../../scripts/lib/image';
import { FER_PUBLIC_TEST } from '../support/images';

interface Tf {
  setWasmPaths(path: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): { dispose(): void };
  memory(): { numTensors: number };
}
const tf = faceapi.tf as unknown as Tf;
type Crop = Parameters<ExpressionCnn['logits']>[0];
const PER_CLASS = 6;

describe('decodeFloat16', () => {
  it('reads IEEE half-precision numbers, little-endian', () => {
    const halves = [0x3c00, 0xc000, 0x0001, 0x7bff, 0x3555, 0x0000, 0xfc00];
    const bytes = new Uint8Array(halves.flatMap((h) => [h & 0xff, h >> 8]));
    const out = decodeFloat16(bytes);
    expect(Array.from(out.subarray(0, 4))).toEqual([1, -2, 2 ** -24, 65504]);
    expect(out[4]).toBeCloseTo(1 / 3, 3);
    expect(out[5]).toBe(0);
    expect(out[6]).toBe(-Infinity);
  });
});

describe('blendLogits', () => {
  it('is the head alone at weight 0 and the CNN alone at weight 1, plus the class bias', () => {
    const head = [0.5, 0.2, 0.1, 0.1, 0.05, 0.03, 0.02];
    const cnn = [0, 3, 0, 0, 0, 0, 1];
    const zero = EMOTIONS.map(() => 0);
    expect(softmax(blendLogits(head, cnn, 7, { weight: 0, bias: zero })).map((p) => p.toFixed(9))).toEqual(
      head.map((p) => p.toFixed(9)),
    );
    expect(softmax(blendLogits(head, cnn, 7, { weight: 1, bias: zero })).map((p) => p.toFixed(9))).toEqual(
      softmax(cnn).map((p) => p.toFixed(9)),
    );
    const biased = blendLogits(head, cnn, 7, { weight: 0.5, bias: [0, 0, 0, 0, 2, 0, 0] });
    expect(biased[4]! - blendLogits(head, cnn, 7, { weight: 0.5, bias: zero })[4]!).toBeCloseTo(2, 12);
  });

  it('takes the sharp faces’ bias from its detail mark on, the other bias below it', () => {
    const head = [0.5, 0.2, 0.1, 0.1, 0.05, 0.03, 0.02];
    const cnn = [0, 3, 0, 0, 0, 0, 1];
    const zero = EMOTIONS.map(() => 0);
    const blend = { weight: 0.5, bias: zero, sharp: { from: 6.5, bias: [-1, 0, 0, 0, 0, 0, 0] } };
    const plain = blendLogits(head, cnn, 0, { weight: 0.5, bias: zero });
    expect(blendLogits(head, cnn, 6.49, blend)).toEqual(plain);
    expect(blendLogits(head, cnn, 6.5, blend)[0]! - plain[0]!).toBeCloseTo(-1, 12);
    expect(blendLogits(head, cnn, 8, blend).slice(1)).toEqual(plain.slice(1));
    expect(balanceBias(EXPRESSION_CNN.blend, 0)).toBe(EXPRESSION_CNN.blend.bias);
  });
});

describe('ensembleLogits', () => {
  it("is one member's logits as they are, and the mean log-probability of several", () => {
    const a = [0, 3, 0, 0, 0, 0, 1];
    const b = [2, 0, 0, 1, 0, 0, 0];
    expect(Array.from(ensembleLogits([a]))).toEqual(a);
    const mean = ensembleLogits([a, b]);
    const la = a.map((x) => x - Math.log(a.reduce((s, v) => s + Math.exp(v), 0)));
    const lb = b.map((x) => x - Math.log(b.reduce((s, v) => s + Math.exp(v), 0)));
    la.forEach((x, c) => expect(mean[c]).toBeCloseTo((x + lb[c]!) / 2, 5));
  });
});

describe("Moodreel's expression CNN as shipped", () => {
  let cnn: ExpressionCnn;
  const files = cnnWeightFiles().map((file) => new Uint8Array(readFileSync(resolve('models/weights', file))));

  beforeAll(async () => {
    tf.setWasmPaths(`${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
    await tf.setBackend('wasm');
    await tf.ready();
    cnn = createExpressionCnn(faceapi.tf as never, files);
  }, 60_000);

  it('has the weights its manifest lists for each member, finite, and a blend fitted by emotion:train', () => {
    const numbers = EXPRESSION_CNN.weights.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
    for (const bytes of files) {
      expect(bytes.length).toBe(2 * numbers);
      expect(decodeFloat16(bytes).every(Number.isFinite)).toBe(true);
    }
    expect(EXPRESSION_CNN.blend.weight).toBeGreaterThan(0);
    expect(EXPRESSION_CNN.blend.weight).toBeLessThanOrEqual(1);
    expect(EXPRESSION_CNN.blend.bias).toHaveLength(EMOTIONS.length);
    const short = files.map((bytes, i) => (i === files.length - 1 ? bytes.subarray(0, bytes.length - 2) : bytes));
    expect(() => createExpressionCnn(faceapi.tf as never, short)).toThrow(/expected/);
  });

  it('reads labelled FER2013 PublicTest faces far above chance, leaving no tensor behind', async () => {
    let right = 0;
    let total = 0;
    const before = tf.memory().numTensors;
    for (const folder of readdirSync(FER_PUBLIC_TEST).sort()) {
      const label = emotionNamed(folder);
      if (!label) continue;
      for (const file of readdirSync(join(FER_PUBLIC_TEST, folder)).sort().slice(0, PER_CLASS)) {
        const img = decodeJpeg(join(FER_PUBLIC_TEST, folder, file));
        const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
        const logits = Array.from(await cnn.logits(t as never));
        t.dispose();
        expect(logits).toHaveLength(EMOTIONS.length);
        if (EMOTIONS[logits.indexOf(Math.max(...logits))] === label) right++;
        total++;
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    // Chance is 1 in 7; the CNN reads about two in three FER faces (see docs/emotion.md).
    expect(right / total).toBeGreaterThan(0.45);
  }, 60_000);

  it('with the mirror, reads the face and its mirror image as two more members, the same either way round', async () => {
    const folder = readdirSync(FER_PUBLIC_TEST).sort()[0]!;
    const file = readdirSync(join(FER_PUBLIC_TEST, folder)).sort()[0]!;
    const img = decodeJpeg(join(FER_PUBLIC_TEST, folder, file));
    const face = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
    const flipped = mirrorImage(faceapi.tf as never, face as unknown as Crop);
    const before = tf.memory().numTensors;
    const plain = await cnn.logits(face as never);
    const mirroredPlain = await cnn.logits(flipped);
    const both = await cnn.logits(face as never, true);
    const bothFromMirror = await cnn.logits(flipped, true);
    expect(tf.memory().numTensors).toBe(before);
    face.dispose();
    flipped.dispose();
    // A face is not its own mirror image to the CNN, so the second view says something of its own.
    expect(Math.max(...Array.from(plain, (x, c) => Math.abs(x - mirroredPlain[c]!)))).toBeGreaterThan(1e-3);
    const read = (logits: ArrayLike<number>) => softmax(Array.from(logits));
    const expected = read(ensembleLogits([plain, mirroredPlain]));
    read(both).forEach((p, c) => expect(p).toBeCloseTo(expected[c]!, 5));
    read(bothFromMirror).forEach((p, c) => expect(p).toBeCloseTo(expected[c]!, 5));
  }, 60_000);
});
