/** Picks and starts the tfjs backend face-api runs on, in the offscreen document. */
// The same module instances face-api imports (it resolves to these very files), so one tfjs engine serves both.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { backendOrder } from '../../models/face/backend';
import type { Backend, BackendChoice } from '../../models/face/backend';

/**
 * The canvas's pixels as an int32 RGB tensor (the caller disposes it). Handing face-api a tensor rather than the
 * canvas makes it crop faces with tensor ops, exactly as in Node, so `npm run emotion:eval` measures this very path.
 */
export function pixels(canvas: HTMLCanvasElement): tf.Tensor3D {
  return tf.browser.fromPixels(canvas);
}

/** The unmasked WebGL renderer, or null where WebGL is unavailable. */
function webglRenderer(): string | null {
  const gl =
    document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return typeof renderer === 'string' ? renderer : null;
}

async function tryBackend(backend: Backend): Promise<boolean> {
  if (backend === 'wasm') {
    // tfjs would pick its threaded build (extension pages have SharedArrayBuffer), whose blob: workers the CSP
    // blocks, and then hang forever in tf.ready().
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths('/wasm/');
  }
  try {
    if (!(await tf.setBackend(backend))) return false;
    await tf.ready();
    return tf.getBackend() === backend;
  } catch (error) {
    console.warn(`Moodreel: tfjs backend ${backend} failed`, error);
    return false;
  }
}

/** Switches tfjs to the best backend for `choice` and returns the one that runs. */
export async function startBackend(choice: BackendChoice): Promise<Backend> {
  for (const backend of backendOrder(choice, webglRenderer())) {
    if (await tryBackend(backend)) return backend;
  }
  throw new Error(choice === 'auto' ? 'No tfjs backend could start' : `The ${choice} backend could not start`);
}

export function currentBackend(): Backend | null {
  const name = tf.getBackend();
  return name === 'webgl' || name === 'wasm' || name === 'cpu' ? name : null;
}

export function tensorCount(): number {
  return tf.memory().numTensors;
}
