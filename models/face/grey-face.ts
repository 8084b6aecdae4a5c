/**
 * A face crop as a grey square of a given side, the way Moodreel's nets and measures read it: the mean of RGB,
 * scaled bilinearly and area-averaged when the crop is larger than the side (no aliasing). Values stay 0–255.
 */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';

type Tf = typeof FaceApi.tf;

export interface GreyFace {
  /** 1 × side × side × 1; call inside `tf.tidy`. */
  at(crop: FaceApi.tf.Tensor3D, side: number): FaceApi.tf.Tensor4D;
  dispose(): void;
}

export function createGreyFace(tf: Tf): GreyFace {
  // face-api's tf namespace has no mean(): the channel mean is a 1×1 convolution.
  const greyKernel = tf.fill([1, 1, 3, 1], 1 / 3) as FaceApi.tf.Tensor4D;
  return {
    at(crop, side) {
      const [h, w] = crop.shape;
      const k = Math.max(1, Math.floor(Math.min(h, w) / side));
      const grey = tf.conv2d(tf.expandDims(tf.cast(crop, 'float32'), 0) as FaceApi.tf.Tensor4D, greyKernel, 1, 'valid');
      const resized = tf.image.resizeBilinear(grey, [side * k, side * k], false, true);
      return k > 1 ? tf.avgPool(resized, k, k, 'valid') : resized;
    },
    dispose() {
      greyKernel.dispose();
    },
  };
}
