/**
 * How much fine detail a face crop holds: log(1 + the mean squared Laplacian of the grey face at 64 × 64, 0–255).
 * Low for a small face scaled up (a 48-px FER face on a webcam frame) or a blurred one, high for a sharp face of
 * real size. The stated chance reads it (chance.ts): held out on tuning data, faces with less detail were read
 * right less often than their leading probability says (docs/emotion.md).
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { createGreyFace } from './grey-face';

type Tf = typeof FaceApi.tf;

/** The side the face is measured at: a face of real size keeps its detail there, an enlarged 48-px one does not. */
export const DETAIL_SIDE = 64;

export interface FaceDetail {
  of(crop: FaceApi.tf.Tensor3D): Promise<number>;
  dispose(): void;
}

export function createFaceDetail(tf: Tf): FaceDetail {
  const grey = createGreyFace(tf);
  const laplacian = tf.tensor4d([0, -1, 0, -1, 4, -1, 0, -1, 0], [3, 3, 1, 1]);
  const inner = DETAIL_SIDE - 2;
  return {
    async of(crop) {
      const energy = tf.tidy(() => {
        const edges = tf.conv2d(grey.at(crop, DETAIL_SIDE), laplacian, 1, 'valid');
        // face-api's tf namespace has no mean(): the spatial mean is an average pool.
        return tf.avgPool(tf.mul(edges, edges) as FaceApi.tf.Tensor4D, [inner, inner], 1, 'valid');
      });
      try {
        return Math.log1p((await energy.data())[0]!);
      } finally {
        energy.dispose();
      }
    },
    dispose() {
      laplacian.dispose();
      grey.dispose();
    },
  };
}
