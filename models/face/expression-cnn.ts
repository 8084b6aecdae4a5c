/**
 * Moodreel's expression CNN: eight 3×3 convolutions (batch norm folded in) over a 48×48 grey face, trained by
 * `npm run emotion:train` on FER2013 Train (scripts/emotion/train-cnn.py; never on PublicTest), then fine-tuned on
 * real-size faces of half the tuning people and interpolated back toward the FER net. It reads the same face crops as
 * FaceExpressionNet and its logits are blended with the head's (`blendLogits`). An ensemble: the same recipe trained
 * from more than one seed (`members`), their readings averaged. Weights: about 1.2 M float16 numbers per member in
 * models/weights/ (expression-cnn-real.bin first), described by expression-cnn.json.
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { EMOTIONS } from '../mood/emotions';
import trained from '../weights/expression-cnn.json';
import { logSoftmax } from '../probability';
import { createGreyFace } from './grey-face';
import { mirrorImage } from './mirror';

type Tf = typeof FaceApi.tf;
type Tensor = FaceApi.tf.Tensor;

export interface ExpressionCnnManifest {
  version: number;
  input: { side: number };
  /** A 2×2 max pool follows every `convsPerStage` convolutions. */
  architecture: { convsPerStage: number };
  weights: { file: string; dtype: 'float16'; tensors: { name: string; shape: number[] }[] };
  /**
   * The ensemble's weights files, what the extension reads, each laid out as `weights.tensors` (the members as
   * fine-tuned on real-size faces; `weights.file` is the first as trained on FER); absent: the one net of `weights.file`.
   */
  members?: { seed: number; file: string }[];
  /**
   * How the CNN's and the head's readings are combined: logits = (1 − weight) · log p(head) + weight · log p(CNN) +
   * bias, the weight fitted on Train's validation split. The class bias is the balance of the final reading: `bias`
   * for faces with little detail (small or blurred, as FER's), `sharp.bias` for faces whose detail
   * (models/face/detail.ts) is at least `sharp.from` (real-size faces); without `sharp`, one bias for all.
   */
  blend: { weight: number; bias: number[]; sharp?: { from: number; bias: number[] } };
}

export const EXPRESSION_CNN: ExpressionCnnManifest = trained as ExpressionCnnManifest;

/** The weights files the CNN reads, in order: every member of the ensemble, or the one net's. */
export function cnnWeightFiles(manifest: ExpressionCnnManifest = EXPRESSION_CNN): string[] {
  return manifest.members?.map((m) => m.file) ?? [manifest.weights.file];
}

/**
 * The ensemble's reading from its members' logits: one member's as they are; several, the mean of their
 * log-probabilities (a geometric mean of the members' probabilities).
 */
export function ensembleLogits(members: readonly ArrayLike<number>[]): Float32Array {
  if (members.length === 1) return Float32Array.from(members[0]!);
  const out = new Float32Array(EMOTIONS.length);
  for (const logits of members) logSoftmax(logits).forEach((x, c) => (out[c]! += x / members.length));
  return out;
}

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
  /**
   * The CNN's logits (EMOTIONS order; the members' `ensembleLogits`) for one face crop (height × width × RGB, 0–255);
   * with `mirror`, over the crop and its mirror image read in one batch (test-time augmentation).
   */
  logits(crop: FaceApi.tf.Tensor3D, mirror?: boolean): Promise<Float32Array>;
  dispose(): void;
}

/**
 * Builds the CNN from its weights files' bytes (one per member, in `cnnWeightFiles` order), on face-api's tfjs.
 */
export function createExpressionCnn(
  tf: Tf,
  files: Uint8Array | readonly Uint8Array[],
  manifest: ExpressionCnnManifest = EXPRESSION_CNN,
): ExpressionCnn {
  const expected = manifest.weights.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);
  const members = (files instanceof Uint8Array ? [files] : files).map((bytes) => {
    const values = decodeFloat16(bytes);
    if (values.length !== expected)
      throw new Error(`Expression CNN weights: ${values.length} numbers, ${expected} expected`);
    const tensors = new Map<string, Tensor>();
    let at = 0;
    for (const { name, shape } of manifest.weights.tensors) {
      const size = shape.reduce((a, b) => a * b, 1);
      tensors.set(name, tf.tensor(values.subarray(at, at + size), shape, 'float32'));
      at += size;
    }
    return tensors;
  });
  const convs = manifest.weights.tensors.filter((t) => t.name.endsWith('/weights') && t.name.startsWith('conv')).length;
  const side = manifest.input.side;
  const perStage = manifest.architecture.convsPerStage;

  const grey = createGreyFace(tf);

  /** One member's logits (n × 7) for the grey inputs (n × side × side × 1). */
  function forward(tensors: Map<string, Tensor>, input: FaceApi.tf.Tensor4D): FaceApi.tf.Tensor {
    const get = <T extends Tensor>(name: string) => tensors.get(name) as T;
    let x = input;
    for (let i = 0; i < convs; i++) {
      x = tf.relu(
        tf.add(tf.conv2d(x, get<FaceApi.tf.Tensor4D>(`conv${i}/weights`), 1, 'same'), get(`conv${i}/bias`)),
      ) as FaceApi.tf.Tensor4D;
      if ((i + 1) % perStage === 0) x = tf.maxPool(x, 2, 2, 'valid');
    }
    const [, h, w, c] = x.shape;
    // face-api's tf namespace has no mean(): the spatial mean is an average pool.
    const pooled = tf.reshape(tf.avgPool(x, [h, w], 1, 'valid'), [-1, c]) as FaceApi.tf.Tensor2D;
    return tf.add(tf.matMul(pooled, get<FaceApi.tf.Tensor2D>('fc/weights')), get('fc/bias'));
  }

  return {
    async logits(crop, mirror = false) {
      const outs = tf.tidy(() => {
        // Grey side × side input scaled as in training, read by every member.
        const face = tf.sub(tf.div(grey.at(crop, side), 255), 0.5) as FaceApi.tf.Tensor4D;
        const input = mirror ? (tf.concat([face, mirrorImage(tf, face)]) as FaceApi.tf.Tensor4D) : face;
        return members.map((tensors) => forward(tensors, input));
      });
      try {
        // Each member's row per image, all averaged in log space as the members are.
        const rows = (await Promise.all(outs.map((o) => o.data() as Promise<Float32Array>))).flatMap((data) =>
          Array.from({ length: data.length / EMOTIONS.length }, (_, r) =>
            data.subarray(r * EMOTIONS.length, (r + 1) * EMOTIONS.length),
          ),
        );
        return ensembleLogits(rows);
      } finally {
        for (const o of outs) o.dispose();
      }
    },
    dispose() {
      for (const tensors of members) {
        for (const t of tensors.values()) t.dispose();
        tensors.clear();
      }
      grey.dispose();
    },
  };
}

/** The class bias for a face with this detail (see `blend` in the manifest). */
export function balanceBias(blend: ExpressionCnnManifest['blend'], detail: number): number[] {
  return blend.sharp && detail >= blend.sharp.from ? blend.sharp.bias : blend.bias;
}

/**
 * The blended logits of one view: the head's probabilities (already calibrated, if they are) and the CNN's logits,
 * weighted in log space as fitted by emotion:train, plus the class bias for the face's detail.
 */
export function blendLogits(
  headProbabilities: readonly number[],
  cnnLogits: ArrayLike<number>,
  detail: number,
  blend: ExpressionCnnManifest['blend'] = EXPRESSION_CNN.blend,
): number[] {
  const cnn = logSoftmax(cnnLogits);
  const bias = balanceBias(blend, detail);
  return EMOTIONS.map(
    (_, c) => (1 - blend.weight) * Math.log(Math.max(headProbabilities[c]!, 1e-12)) + blend.weight * cnn[c]! + bias[c]!,
  );
}
