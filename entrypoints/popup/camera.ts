/** Webcam access for extension pages: permission state and a short burst of still frames as JPEG data URLs. */

import { jpegOf } from '../shared/canvas';
import { browser, type Browser } from 'wxt/browser';
import { cameraProblemOf, Problem, type CameraProblem } from '../../models/problems';
import { errorText } from '../../models/error-text';
import type { MessageKey } from '../../models/messages';

export class CameraError extends Problem<CameraProblem> {
  constructor(code: CameraProblem, message: string) {
    super(code, message);
    this.name = 'CameraError';
  }
}

export type CameraPermission = 'granted' | 'denied' | 'prompt';

export async function cameraPermission(): Promise<CameraPermission> {
  try {
    const status = await navigator.permissions.query({ name: 'camera' as PermissionName });
    return status.state;
  } catch {
    return 'prompt';
  }
}

/**
 * Moodreel's page that asks for the camera (popups cannot show the browser's prompt): the tab already showing it is
 * brought to the front, so clicking again never opens a second one.
 */
export async function showCameraPage(): Promise<void> {
  const url = browser.runtime.getURL('/camera.html');
  const contexts =
    typeof browser.runtime.getContexts === 'function'
      ? await browser.runtime.getContexts({
          contextTypes: ['TAB' as Browser.runtime.ContextType],
          documentUrls: [url],
        })
      : [];
  const open = contexts.find((c) => c.tabId >= 0);
  if (!open) {
    await browser.tabs.create({ url });
    return;
  }
  await browser.tabs.update(open.tabId, { active: true });
  if (open.windowId >= 0) await browser.windows.update(open.windowId, { focused: true });
}

/**
 * How a user unblocks the camera for Moodreel in this browser. Chrome lists blocked extensions in its camera
 * settings. Firefox refuses to open its settings from an add-on (`about:preferences` is an illegal URL for
 * tabs.create), but the camera page's address bar has the camera icon that clears a block.
 */
export const UNBLOCK_CAMERA: { label: MessageKey; body: MessageKey | undefined; open: () => Promise<unknown> } =
  import.meta.env.FIREFOX
    ? { label: 'openCameraPage', body: 'cameraDeniedFirefox', open: showCameraPage }
    : {
        label: 'openCameraSettings',
        body: undefined,
        open: () => browser.tabs.create({ url: 'chrome://settings/content/camera' }),
      };

function toCameraError(error: unknown): CameraError {
  const name = error instanceof DOMException ? error.name : '';
  return new CameraError(cameraProblemOf(name), errorText(error));
}

export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('camera-missing', 'No media devices');
  try {
    return await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } } });
  } catch (error) {
    throw toCameraError(error);
  }
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** Waits until the video has painted a real frame (the first frames of a camera are often black). */
async function firstFrames(video: HTMLVideoElement, frames: number): Promise<void> {
  await video.play();
  for (let i = 0; i < frames; i++) {
    await new Promise<void>((resolve) => {
      if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
      else setTimeout(resolve, 50);
    });
  }
}

/** The webcam's count-down before a burst: 3, 2, 1 with this long on each number. */
export const COUNTDOWN_STEP_MS = 600;

/**
 * A short burst of frames from the camera as JPEG data URLs, after a visible 3-2-1 (`onCount` gets 3, 2, 1, then 0
 * when the shots are taken). The camera is released before returning.
 */
export async function burst(count: number, gapMs: number, onCount: (n: number) => void): Promise<string[]> {
  const stream = await openCamera();
  const video = document.createElement('video');
  try {
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await firstFrames(video, 3);
    for (let n = 3; n > 0; n--) {
      onCount(n);
      await new Promise((r) => setTimeout(r, COUNTDOWN_STEP_MS));
    }
    onCount(0);
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    if (canvas.width === 0 || canvas.height === 0) throw new CameraError('camera-failed', 'The camera sent no picture');
    const ctx = canvas.getContext('2d')!;
    const frames: string[] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, gapMs));
      ctx.drawImage(video, 0, 0);
      frames.push(jpegOf(canvas));
    }
    return frames;
  } finally {
    video.srcObject = null;
    stopCamera(stream);
  }
}
