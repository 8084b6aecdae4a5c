/**
 * The offscreen document: the only place face-api runs. It loads the models once (from files inside the
 * extension), answers `offscreen:analyze` with every face and the look of the scene around them, and keeps no image
 * after answering.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '../shared/on-message';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import { createFaceAnalyzer, type AnalyzerInput } from '../../models/face/analyzer';
import { DEFAULT_ANALYZER_CONFIG } from '../../models/face/config';
import {
  OFFSCREEN_MESSAGES,
  parseOffscreenRequest,
  type AnalysisResult,
  type InferenceStats,
  type OffscreenAnalyzeRequest,
} from '../../models/protocol';
import {
  errorReply,
  guardedListener,
  okReply,
  ProtocolError,
  senderIsBackground,
  type Reply,
} from '../../models/messaging';
import { errorText } from '../../models/error-text';
import type { Backend, BackendChoice } from '../../models/face/backend';
import { decodedCanvas, type Decoded } from '../shared/canvas';
import { sceneLook } from './look';
import { currentBackend, pixels, startBackend, tensorCount } from './tf-backend';

const analyzer = createFaceAnalyzer(faceapi, '/weights');
let active: { choice: BackendChoice; backend: Backend } | null = null;
let queue: Promise<unknown> = Promise.resolve();
let analyses = 0;

/** Starts the backend (switching and reloading the models when another one is asked for) and loads the models. */
async function prepare(
  request: Pick<OffscreenAnalyzeRequest, 'backend' | 'detector'>,
): Promise<{ backend: Backend; loadMs: number | null }> {
  const start = performance.now();
  let loaded = false;
  if (!active || (request.backend !== active.choice && request.backend !== active.backend)) {
    if (active) analyzer.dispose();
    active = { choice: request.backend, backend: await startBackend(request.backend) };
    loaded = true;
  }
  if (!analyzer.isLoaded(request.detector)) {
    try {
      await analyzer.load([request.detector]);
    } catch (error) {
      // Shipped files that will not load (a damaged install) fail every time: the user hears that, not "try again".
      throw new ProtocolError('model-failed', `The face model could not be loaded: ${errorText(error)}`);
    }
    loaded = true;
  }
  return { backend: active.backend, loadMs: loaded ? performance.now() - start : null };
}

async function analyze(request: OffscreenAnalyzeRequest): Promise<Reply<AnalysisResult>> {
  let decoded: Decoded;
  try {
    const maxSide = DEFAULT_ANALYZER_CONFIG.maxImageSide;
    // A screenshot is cut to its video here, where it is decoded anyway (cut before sending, it would be decoded and
    // encoded once more); one with none of its video in the shot is read whole.
    decoded =
      (await decodedCanvas(request.image, request.video, maxSide)) ??
      (await decodedCanvas(request.image, null, maxSide));
  } catch {
    return errorReply('bad-image', 'This file is not an image we can read.');
  }
  const { canvas } = decoded;
  try {
    const { backend, loadMs } = await prepare(request);
    const start = performance.now();
    const input = pixels(canvas);
    let read;
    try {
      // face-api declares its own copy of tfjs's types; at run time it is this same engine (see tf-backend.ts).
      read = await analyzer.read(input as unknown as AnalyzerInput, { detector: request.detector });
    } finally {
      input.dispose();
    }
    analyses++;
    const inferenceMs = performance.now() - start;
    const { faces, found: facesFound } = read;
    const { look, ms: lookMs } = sceneLook(
      canvas,
      faces.map((f) => f.box),
    );
    return okReply({
      faces,
      facesFound,
      image: { width: canvas.width, height: canvas.height },
      picture: decoded.picture,
      backend,
      detector: request.detector,
      loadMs,
      inferenceMs,
      look,
      lookMs,
    });
  } catch (error) {
    console.error('Moodreel: analysis failed', error);
    throw error;
  } finally {
    // Drop the pixels at once: no image outlives its analysis.
    canvas.width = 0;
    canvas.height = 0;
  }
}

function stats(): Reply<InferenceStats> {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return okReply({
    backend: currentBackend(),
    numTensors: tensorCount(),
    analyses,
    heapBytes: memory?.usedJSHeapSize ?? null,
  });
}

/** One analysis at a time: tfjs is not re-entrant across backend switches, and two at once only slow both. */
function serialised<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

const origin = browser.runtime.getURL('/');
onMessage(
  guardedListener({
    context: 'offscreen',
    parse: parseOffscreenRequest,
    senderOk: (sender) => senderIsBackground(sender, browser.runtime.id, origin),
    foreignMessage: 'Only the Moodreel background may ask for analysis.',
    handle: (request) => {
      if (request.type === 'offscreen:stats') return Promise.resolve(stats());
      if (request.type === 'offscreen:warm-up')
        return serialised(() => prepare(request)).then(({ backend }) => okReply({ backend }));
      return serialised(() => analyze(request));
    },
    failsAs: (request) => OFFSCREEN_MESSAGES[request.type].failsAs,
  }),
);

void browser.runtime.sendMessage({ type: 'offscreen:ready' }).catch(() => undefined);
