/**
 * The 256-d face features FaceExpressionNet computes before its last layer (face-api's own head is one fully
 * connected layer on them), for face crops, optionally of the mirrored crop too, and for faces cut as the
 * extension's detector cuts them. Node, tfjs wasm.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { resolve } from 'node:path';
import { createFaceAnalyzer, type FaceApiModule } from '../../models/face/analyzer';
import { createGreyFace } from '../../models/face/grey-face';
import { decodeJpeg, webcamFrame, WEBCAM_FACE_SIDE, WEBCAM_FRAME } from './image';

interface Tensor {
  dispose(): void;
  data(): Promise<Float32Array>;
}
interface Tf {
  setWasmPaths(path: string): void;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): Tensor;
  reverse(t: Tensor, axis: number): Tensor;
  tidy<T extends Tensor>(f: () => T): T;
  cast(t: Tensor, dtype: 'float32'): Tensor;
  pad(t: Tensor, paddings: [number, number][], value: number): Tensor;
  slice(t: Tensor, begin: number[], size: number[]): Tensor;
  image: { resizeBilinear(t: Tensor, size: [number, number]): Tensor };
  memory(): { numTensors: number };
}
interface ExpressionNet {
  params: { fc: { weights: Tensor & { shape: number[] }; bias: Tensor } };
  faceFeatureExtractor: { forward(input: Tensor): Promise<Tensor> };
}

export const FEATURES = 256;
/** The analyzer's weights on disk: face-api's folder and Moodreel's own (the expression CNN). */
export const NODE_MODELS = {
  disk: resolve('node_modules/@vladmandic/face-api/model'),
  moodreelDisk: resolve('models/weights'),
};
/** Where `emotion:train` writes Moodreel's expression head and `emotion:eval` reads it. */
export const HEAD_FILE = resolve('scripts/lib/expression-head.json');
/** Where `emotion:train` writes the class calibration the extension applies (models/face/calibration.ts). */
export const CALIBRATION_FILE = resolve('models/weights/expression-calibration.json');
export const tf = faceapi.tf as unknown as Tf;
export const expressionNet = faceapi.nets.faceExpressionNet as unknown as ExpressionNet;

export async function startWasm(): Promise<void> {
  tf.setWasmPaths(`${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  await tf.ready();
  await faceapi.nets.faceExpressionNet.loadFromDisk(resolve('node_modules/@vladmandic/face-api/model'));
}

/** Features of a face tensor and, with `flip`, of its mirror image (appended); disposes the tensor. */
async function viewFeatures(face: Tensor, flip: boolean): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const input of flip ? [face, tf.reverse(face, 1)] : [face]) {
    const f = await expressionNet.faceFeatureExtractor.forward(input);
    out.push((await f.data()) as Float32Array);
    f.dispose();
    input.dispose();
  }
  return out;
}

/** Features of a face crop and, with `flip`, of its mirror image (appended). */
export async function cropFeatures(path: string, flip: boolean): Promise<Float32Array[]> {
  const img = decodeJpeg(path);
  return viewFeatures(tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32'), flip);
}

/**
 * Where TinyFaceDetector put its box on a webcam-like frame of a face (scripts/lib/image.ts's `webcamFrame`), in
 * units of the scaled face's side, relative to the face's top-left corner: [x, y, width, height].
 */
export type RelativeBox = [number, number, number, number];

/** The extension's detector (with its settings) on webcam-like frames of these faces: the largest box of each. */
export async function detectorBoxes(paths: readonly string[]): Promise<RelativeBox[]> {
  const analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny']);
  // Where webcamFrame puts a square face.
  const side = WEBCAM_FACE_SIDE;
  const left = Math.floor((WEBCAM_FRAME.width - side) / 2);
  const top = Math.floor((WEBCAM_FRAME.height - side) / 2);
  const boxes: RelativeBox[] = [];
  for (const [i, path] of paths.entries()) {
    const face = decodeJpeg(path);
    const frame = tf.tensor3d(webcamFrame(face).rgb, [WEBCAM_FRAME.height, WEBCAM_FRAME.width, 3], 'int32');
    // Only the box is wanted: no CNN reading.
    const [found] = await analyzer.predictViews(frame as never, { cnn: 'off', mirror: false });
    frame.dispose();
    if (found) {
      const { x, y, width, height } = found.box;
      boxes.push([(x - left) / side, (y - top) / side, width / side, height / side]);
    }
    if (i % 500 === 0) console.error(`detector boxes ${i}/${paths.length}`);
  }
  return boxes;
}

/**
 * Each image's largest face as the extension finds it (its detector looks, on the image as it is) and cut as its
 * nets cut it, grey at `side` × `side` as Moodreel's CNN reads it (0–255, area-averaged); null where no face is found.
 */
export async function greyFaceCrops(
  images: readonly (() => { width: number; height: number; rgb: Uint8Array })[],
  side: number,
): Promise<(Float32Array | null)[]> {
  const analyzer = createFaceAnalyzer(faceapi as unknown as FaceApiModule, NODE_MODELS);
  await analyzer.load(['tiny']);
  const grey = createGreyFace(faceapi.tf as never);
  const out: (Float32Array | null)[] = [];
  for (const image of images) {
    const img = image();
    const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
    const [found] = await analyzer.predictViews(t as never, { cnn: 'off', mirror: false });
    if (!found) {
      out.push(null);
      t.dispose();
      continue;
    }
    const { x, y, width, height } = found.box;
    const [crop] = await faceapi.extractFaceTensors(t as never, [new faceapi.Rect(x, y, width, height)]);
    const face = faceapi.tf.tidy(() => grey.at(crop as never, side));
    out.push((await face.data()) as Float32Array);
    face.dispose();
    crop!.dispose();
    t.dispose();
  }
  grey.dispose();
  return out;
}

/**
 * Features of a square face crop cut at `box` (a RelativeBox) after scaling it to the webcam frame's face size on
 * grey, as the detector would cut it, and of the cut's mirror image.
 */
export async function boxFeatures(path: string, box: RelativeBox): Promise<Float32Array[]> {
  const img = decodeJpeg(path);
  const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
  const side = WEBCAM_FACE_SIDE;
  const cut = tf.tidy(() => {
    const face = tf.image.resizeBilinear(tf.cast(t, 'float32'), [side, side]);
    const framed = tf.pad(
      face,
      [
        [side, side],
        [side, side],
        [0, 0],
      ],
      128,
    );
    const x = Math.max(0, Math.round(side + box[0] * side));
    const y = Math.max(0, Math.round(side + box[1] * side));
    const w = Math.min(3 * side - x, Math.round(box[2] * side));
    const h = Math.min(3 * side - y, Math.round(box[3] * side));
    return tf.slice(framed, [y, x, 0], [h, w, 3]);
  });
  t.dispose();
  return viewFeatures(cut, true);
}

/** face-api's shipped head (256 × 7 weights and 7 biases), the starting point of our own. */
export async function shippedHead(): Promise<{ weights: Float32Array; bias: Float32Array }> {
  return { weights: await expressionNet.params.fc.weights.data(), bias: await expressionNet.params.fc.bias.data() };
}
