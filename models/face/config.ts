/** The two face detectors face-api ships: TinyFaceDetector is fast, SSD MobileNet v1 finds more (smaller, turned) faces. */
export const DETECTORS = ['tiny', 'ssd'] as const;
export type DetectorKind = (typeof DETECTORS)[number];

/** Whether Moodreel's expression CNN is left out or blended with face-api's head. */
export type ExpressionCnnUse = 'off' | 'blend';

/**
 * Everything that tunes face analysis, in one place.
 * - `tinyInputSize`: the side TinyFaceDetector resizes to (multiple of 32); 416 finds faces down to about 1/15 of
 *   the image width at ~80 ms on wasm.
 * - `tinyScoreThreshold` / `ssdMinConfidence`: detections below these are dropped.
 * - `tinyRetryThreshold`: when TinyFaceDetector finds no face at `tinyScoreThreshold`, it looks once more at this
 *   lower threshold and keeps its single best face (dim, blurry or low-resolution webcam frames). Chosen on FER2013
 *   Train frames (faces found 60 → 71 % at 0.3, 90 % at 0.1) and on frames with no face in them: 14 test patterns
 *   gave no face at 0.1, but crops of real photos without a face (knees, a dish, a torso) gave four at 0.11–0.27,
 *   so 0.3 keeps every face-free frame we have face-free. 1 turns the retry off.
 * - `fallbackDetector`: when TinyFaceDetector and its retry find nothing, one last look with SSD MobileNet v1 at
 *   `ssdMinConfidence` (its weights load on first need). On real-size studio photos TinyFaceDetector misses about one
 *   face in 16 that SSD finds (docs/emotion.md); null turns it off.
 * - `maxOffFrame`: a detection whose box lies more than this share outside the image is dropped, at every look
 *   (models/face/off-frame.ts). Real faces' boxes stay in the frame, a tight crop's spill a little; the boxes drawn
 *   around nothing (a space suit in a video frame, a test pattern) ran a third to a half off it. Chosen on the tuning
 *   photos and face-free frames (docs/emotion.md); 1 keeps every box.
 * - `maxImageSide`: images are downscaled so their longer side is at most this before inference. Faces stay large
 *   enough for the 112-px expression net, and huge photos cannot exhaust memory.
 * - `maxFaces`: the largest faces read, so a crowd photo stays quick; every face found is counted (SSD MobileNet v1
 *   finds at most 100, face-api's default), so the user is told how many of the crowd were read.
 * - `calibrate`: with face-api's head, re-weight each face's expressions by the fitted class calibration
 *   (models/face/calibration.ts); off only to measure face-api as shipped.
 * - `cnn`: Moodreel's expression CNN (models/face/expression-cnn.ts, trained by `npm run emotion:train` on FER2013
 *   Train's 48-px faces) reads each view too; 'blend' mixes its reading with the head's as fitted on Train's
 *   validation split, 'off' is face-api as it was. About 7 ms per view on wasm. (Other readings, such as Moodreel's
 *   own head or the CNN alone, are experiments: they live in scripts/lib/experiments.ts, not in the extension.)
 * - `mirror`: also read each face's mirror image with both nets and average (test-time augmentation): one more pass
 *   of both nets per face; over the 1.5× time budget per face on a group photo (see docs/figures.md).
 * - `bandCut`: a face with real-size detail (at least `minDetail`, models/face/detail.ts) whose box spans less than
 *   `maxSpan` of the image's shorter side is read from a band cut from its box (x, y, width and height as shares of
 *   the box's width), not from the box. TinyFaceDetector boxes a face that nearly fills a photo as a band from brow
 *   to mouth, and the same face in a larger frame (a studio portrait, a webcam) from brow to chin; the nets'
 *   fine-tuning on real faces, their sharp balance and the stated chance were fitted on the band. A small FER face
 *   scaled up has too little detail to be cut: the FER-trained nets read it best as boxed. Both thresholds were
 *   chosen on tuning data (docs/emotion.md); null reads every box as it is.
 * - `cnnMirror`: the CNN reads each face and its mirror image in one batch and averages them as it averages its
 *   members; face-api's net reads the face once. On the tuning faces it gained what mirroring both nets gained, for
 *   a fraction of the cost (docs/emotion.md).
 */
export interface AnalyzerConfig {
  detector: DetectorKind;
  tinyInputSize: number;
  tinyScoreThreshold: number;
  ssdMinConfidence: number;
  maxImageSide: number;
  maxFaces: number;
  calibrate: boolean;
  mirror: boolean;
  cnnMirror: boolean;
  cnn: ExpressionCnnUse;
  tinyRetryThreshold: number;
  fallbackDetector: 'ssd' | null;
  maxOffFrame: number;
  bandCut: BandCut | null;
}

export interface BandCut {
  maxSpan: number;
  minDetail: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The band a face that fills a photo is boxed as, against its box in a larger frame, and when to cut it. */
export const BAND_CUT: BandCut = { maxSpan: 0.6, minDetail: 7, x: -0.013, y: 0.072, width: 1.025, height: 0.697 };

export const DEFAULT_ANALYZER_CONFIG: AnalyzerConfig = {
  detector: 'tiny',
  tinyInputSize: 416,
  tinyScoreThreshold: 0.45,
  ssdMinConfidence: 0.45,
  maxImageSide: 1600,
  maxFaces: 12,
  calibrate: true,
  mirror: false,
  cnnMirror: true,
  cnn: 'blend',
  tinyRetryThreshold: 0.3,
  fallbackDetector: 'ssd',
  maxOffFrame: 0.3,
  bandCut: BAND_CUT,
};

/** Files of the face-api models we ship, by the net name face-api gives them (`<name>-weights_manifest.json`). */
export const MODEL_FILES = {
  tiny: 'tiny_face_detector_model',
  ssd: 'ssd_mobilenetv1_model',
  expressions: 'face_expression_model',
} as const;

/** The size an image is scaled to so that its longer side is at most `maxSide` (never upscaled). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
