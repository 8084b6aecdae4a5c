/**
 * The extension and the Node evaluation (`npm run eval:emotion`, pipeline mode) must read the same mood from the same
 * pixels: the same webcam-like frames (FER2013 PublicTest crops on a grey 640×480 frame, sent losslessly as PNG) go
 * through the built extension's offscreen document and through the Node analyzer on tfjs wasm.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer, type FaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import type { Face } from '../../models/mood/faces';
import { moodFromFaces } from '../../models/mood/mood';
import { decodeJpeg, webcamFrame, type RgbImage } from '../../scripts/lib/image';
import { NODE_MODELS } from '../../scripts/lib/expression-features';
import { askFrom, launchExtension, type ExtensionSession } from '../support/chromium';
import { FER_PUBLIC_TEST } from '../support/images';

const PER_CLASS = 3;

interface Tf {
  setWasmPaths(path: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): { dispose(): void };
}
const tf = faceapi.tf as unknown as Tf;

/** A lossless PNG of an RGB image, so both sides decode exactly the same pixels. */
function png(img: RgbImage): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(img.width, 0);
  header.writeUInt32BE(img.height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((img.width * 3 + 1) * img.height);
  for (let y = 0; y < img.height; y++)
    Buffer.from(img.rgb.buffer, img.rgb.byteOffset + y * img.width * 3, img.width * 3).copy(
      raw,
      y * (img.width * 3 + 1) + 1,
    );
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

/** The mood read, with its probabilities (none when no face was found). */
function read(faces: Face[]): { label: string; p: Record<string, number> | null } {
  const mood = moodFromFaces(faces);
  return mood.kind === 'mood' ? { label: mood.dominant, p: mood.probabilities } : { label: 'no face', p: null };
}

/** How far two readings of the same pixels may drift (float summation order differs between wasm builds). */
const TOLERANCE = 0.02;

let session: ExtensionSession;
let analyzer: FaceAnalyzer;

beforeAll(async () => {
  tf.setWasmPaths(`${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny']);
  session = await launchExtension();
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe('extension vs Node evaluation', () => {
  it('read the same mood from the same frames', async () => {
    const page = await session.openPage('popup.html');
    const classes = readdirSync(FER_PUBLIC_TEST).filter((c) => !c.includes('.'));
    const rows: { file: string; node: ReturnType<typeof read>; extension: ReturnType<typeof read> }[] = [];
    for (const c of classes) {
      for (const file of readdirSync(join(FER_PUBLIC_TEST, c)).sort().slice(0, PER_CLASS)) {
        const frame = webcamFrame(decodeJpeg(join(FER_PUBLIC_TEST, c, file)));
        const t = tf.tensor3d(frame.rgb, [frame.height, frame.width, 3], 'int32');
        const node = read(await analyzer.predict(t as never));
        t.dispose();
        const reply = await askFrom<{ faces: Face[]; backend: string }>(page, {
          type: 'analyze-image',
          image: png(frame),
          detector: 'tiny',
          backend: 'wasm',
        });
        rows.push({ file, node, extension: read(reply.faces) });
      }
    }
    expect(rows.length).toBe(classes.length * PER_CLASS);
    // The same faces are found, their probabilities agree within the tolerance, and so do the labels except where
    // the two leading emotions are closer than that (a coin toss either side may call).
    for (const { file, node, extension } of rows) {
      expect(extension.p === null, file).toBe(node.p === null);
      if (!node.p || !extension.p) continue;
      const drift = Math.max(...Object.keys(node.p).map((e) => Math.abs(node.p![e]! - extension.p![e]!)));
      expect(drift, file).toBeLessThan(TOLERANCE);
      const [first, second] = Object.values(node.p).sort((a, b) => b - a);
      if (first! - second! > TOLERANCE) expect(extension.label, file).toBe(node.label);
    }
    console.log(
      `parity: ${rows.filter((r) => r.node.label === r.extension.label).length} of ${rows.length} labels equal`,
    );
  });
});
