/**
 * Moodreel's expression CNN: eight 3×3 convolutions (batch norm folded in) over a 48×48 grey face, trained by
 * `npm run emotion:train` on FER2013 Train (scripts/emotion/train-cnn.py; never on PublicTest). It reads the same
 * face crops as FaceExpressionNet and its logits are blended with the head's (`blendLogits`). Weights: about 1.2 M
 * float16 numbers in models/weights/expression-cnn.bin, described by expression-cnn.json.
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { EMOTIONS } from '../mood/emotions';
import trained from '../weights/expression-cnn.json';
import { logSoftmax } from '../probability';
import { createGreyFace } from './grey-face';

type Tf = typeof FaceApi.tf;
type Tensor = FaceApi.tf.Tensor;

export interface ExpressionCnnManifest {
  version: number;
  input: { side: number };
  /** A 2×2 max pool follows every `convsPerStage` convolutions. */
  architecture: { convsPerStage: number };
  weights: { file: string; dtype: 'float16'; tensors: { name: string; shape: number[] }[] };
  /**
   * How the CNN's and the head's readings are combined, fitted on Train's validation split: logits =
   * (1 − weight) · log p(head) + weight · log p(CNN) + bias.
   */
  blend: { weight: number; bias: number[] };
}

export const EXPRESSION_CNN: ExpressionCnnManifest = trained as ExpressionCnnManifest;

/** IEEE 754 half-precision numbers (little-endian) to float32. */
export function decodeFloat16(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const h = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    out[i] =
      exponent === 0
        ? sign * 2 ** -14 * (fraction / 1024)
        : exponent === 31
          ? fraction
            ? NaN
            : sign * Infinity
          : sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}

export interface ExpressionCnn {
  /** The CNN's logits (EMOTIONS order) for one face crop (height × width × RGB, 0–255, any size). */
  logits(crop: FaceApi.tf.Tensor3D): Promise<Float32Array>;
  dispose(): void;
}

/** Builds the CNN from its weights file's bytes, on face-api's tfjs. */
export function createExpressionCnn(
  tf: Tf,
  bytes: Uint8Array,
  manifest: ExpressionCnnManifest = EXPRESSION_CNN,
): ExpressionCnn {
  const values = decodeFloat16(bytes);
  const expected = manifest.weights.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  if (values.length !== expected)
    throw new Error(`Expression CNN weights: ${values.length} numbers, ${expected} expected`);
  const tensors = new Map<string, Tensor>();
  let at = 0;
  for (const { name, shape } of manifest.weights.tensors) {
    const size = shape.reduce((a, b) => a * b, 1);
    tensors.set(name, tf.tensor(values.subarray(at, at + size), shape, 'float32'));
    at += size;
  }
  const get = <T extends Tensor>(name: string) => tensors.get(name) as T;
  const convs = manifest.weights.tensors.filter((t) => t.name.endsWith('/weights') && t.name.startsWith('conv')).length;
  const side = manifest.input.side;
  const perStage = manifest.architecture.convsPerStage;

  const grey = createGreyFace(tf);

  /** Grey side × side input scaled as in training. */
  function input(crop: FaceApi.tf.Tensor3D): FaceApi.tf.Tensor4D {
    return tf.sub(tf.div(grey.at(crop, side), 255), 0.5);
  }

  return {
    async logits(crop) {
      const out = tf.tidy(() => {
        let x = input(crop);
        for (let i = 0; i < convs; i++) {
          x = tf.relu(
            tf.add(tf.conv2d(x, get<FaceApi.tf.Tensor4D>(`conv${i}/weights`), 1, 'same'), get(`conv${i}/bias`)),
          ) as FaceApi.tf.Tensor4D;
          if ((i + 1) % perStage === 0) x = tf.maxPool(x, 2, 2, 'valid');
        }
        const [, h, w, c] = x.shape;
        // face-api's tf namespace has no mean(): the spatial mean is an average pool.
        const pooled = tf.reshape(tf.avgPool(x, [h, w], 1, 'valid'), [1, c]) as FaceApi.tf.Tensor2D;
        return tf.add(tf.matMul(pooled, get<FaceApi.tf.Tensor2D>('fc/weights')), get('fc/bias'));
      });
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
    dispose() {
      for (const t of tensors.values()) t.dispose();
      grey.dispose();
      tensors.clear();
    },
  };
}

/**
 * The blended logits of one view: the head's probabilities (already calibrated, if they are) and the CNN's logits,
 * weighted in log space as fitted by emotion:train.
 */
export function blendLogits(
  headProbabilities: readonly number[],
  cnnLogits: ArrayLike<number>,
  blend: ExpressionCnnManifest['blend'] = EXPRESSION_CNN.blend,
): number[] {
  const cnn = logSoftmax(cnnLogits);
  return EMOTIONS.map(
    (_, c) =>
      (1 - blend.weight) * Math.log(Math.max(headProbabilities[c]!, 1e-12)) + blend.weight * cnn[c]! + blend.bias[c]!,
  );
}
