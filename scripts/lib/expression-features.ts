/**
 * The 256-d face features FaceExpressionNet computes before its last layer (face-api's own head is one fully
 * connected layer on them), for face crops, optionally of the mirrored crop too. Node, tfjs wasm.
 */
import * as faceapi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { resolve } from 'node:path';
import { decodeJpeg } from './image';

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
}
interface ExpressionNet {
  params: { fc: { weights: Tensor & { shape: number[] }; bias: Tensor } };
  faceFeatureExtractor: { forward(input: Tensor): Promise<Tensor> };
}

export const FEATURES = 256;
/** Where `train:emotion` writes Moodreel's expression head and `eval:emotion` reads it. */
export const HEAD_FILE = resolve('models/face/expression-head.json');
/** Where `train:emotion` writes the class calibration the extension applies (models/face/calibration.ts). */
export const CALIBRATION_FILE = resolve('models/face/expression-calibration.json');
export const tf = faceapi.tf as unknown as Tf;
export const expressionNet = faceapi.nets.faceExpressionNet as unknown as ExpressionNet;

export async function startWasm(): Promise<void> {
  tf.setWasmPaths(`${resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
  await tf.ready();
  await faceapi.nets.faceExpressionNet.loadFromDisk(resolve('node_modules/@vladmandic/face-api/model'));
}

/** Features of a face crop and, with `flip`, of its mirror image (appended). */
export async function cropFeatures(path: string, flip: boolean): Promise<Float32Array[]> {
  const img = decodeJpeg(path);
  const t = tf.tensor3d(img.rgb, [img.height, img.width, 3], 'int32');
  const out: Float32Array[] = [];
  for (const input of flip ? [t, tf.reverse(t, 1)] : [t]) {
    const f = await expressionNet.faceFeatureExtractor.forward(input);
    out.push(Float32Array.from(await f.data()));
    f.dispose();
    if (input !== t) input.dispose();
  }
  t.dispose();
  return out;
}

/** face-api's shipped head (256 × 7 weights and 7 biases), the starting point of our own. */
export async function shippedHead(): Promise<{ weights: Float32Array; bias: Float32Array }> {
  return { weights: await expressionNet.params.fc.weights.data(), bias: await expressionNet.params.fc.bias.data() };
}
