/**
 * The extension and the Node evaluation (`npm run emotion:eval`, pipeline mode) must read the same mood from the same
 * pixels: the same webcam-like frames (FER2013 PublicTest crops on a grey 640×480 frame, sent losslessly as PNG) go
 * through the built extension's offscreen document and through the Node analyzer on tfjs wasm. The chance the popup
 * states (which also reads the faces' detail) must agree as well.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaceAnalyzer, type FaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import type { Face } from '../../models/mood/faces';
import { moodFromFaces } from '../../models/mood/mood';
import { decodeJpeg, webcamFrame, type RgbImage } from '../../scripts/lib/image';
import { NODE_MODELS } from '../../scripts/lib/expression-features';
import { encodePng } from '../../scripts/lib/png';
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
  return `data:image/png;base64,${encodePng(img.width, img.height, img.rgb, 3).toString('base64')}`;
}

/** The mood read, with its probabilities and stated chance (none when no face was found). */
function read(faces: Face[]): { label: string; p: Record<string, number> | null; chance: number | null } {
  const mood = moodFromFaces(faces);
  return mood.kind === 'mood'
    ? { label: mood.dominant, p: mood.probabilities, chance: mood.chance }
    : { label: 'no face', p: null, chance: null };
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
      expect(Math.abs(node.chance! - extension.chance!), file).toBeLessThan(TOLERANCE);
      const [first, second] = Object.values(node.p).sort((a, b) => b - a);
      if (first! - second! > TOLERANCE) expect(extension.label, file).toBe(node.label);
    }
    console.log(
      `parity: ${rows.filter((r) => r.node.label === r.extension.label).length} of ${rows.length} labels equal`,
    );
  });
});
