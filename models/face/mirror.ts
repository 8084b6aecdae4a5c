/** A face, or a batch of faces, mirrored left to right: the second view of test-time augmentation. */
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';

type Tf = typeof FaceApi.tf;

/** Width is the second-last axis of both ranks. face-api's tf typings omit `reverse`; the engine behind them has it. */
export function mirrorImage<T extends FaceApi.tf.Tensor3D | FaceApi.tf.Tensor4D>(tf: Tf, image: T): T {
  return (tf as unknown as { reverse(t: T, axis: number): T }).reverse(image, image.rank - 2);
}
