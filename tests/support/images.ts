/**
 * Test images made at test time from ../shared/data (never copied into the repository): fake-camera videos via
 * ffmpeg, and data URLs for sending straight to the extension.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

export const SHARED_DATA = resolve(process.env.MOODREEL_DATA ?? '../shared/data');
export const FACES = join(SHARED_DATA, 'faces');
export const FER_PUBLIC_TEST = join(SHARED_DATA, 'fer2013/PublicTest');

/**
 * Writes a one-frame 640×480 yuv420p .y4m that Chromium's fake camera loops. The picture is scaled to fit a
 * `fit`×`fit` square (or the whole frame), keeping its aspect ratio, and centred on grey: FER2013's 48-px crops
 * need upscaling and some margin before a face detector finds them.
 */
export function fakeCameraVideo(image: string, out: string, fit?: number): string {
  const w = fit ?? 640;
  const h = fit ?? 480;
  const filter = [
    `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=bicubic`,
    'pad=640:480:(ow-iw)/2:(oh-ih)/2:color=gray',
    'format=yuv420p',
  ].join(',');
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', filter, '-frames:v', '1', out]);
  return out;
}

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

export function dataUrl(path: string): string {
  const mime = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return `data:${mime};base64,${readFileSync(path).toString('base64')}`;
}

/** The picture re-coloured dark and blue, as a night scene of a film looks (a PNG made with ffmpeg). */
export function darkBlue(image: string, out: string): string {
  const mix = 'colorchannelmixer=rr=0.2:rg=0.1:rb=0.05:gr=0.1:gg=0.3:gb=0.15:br=0.15:bg=0.25:bb=0.75';
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', `${mix},scale=640:-2`, out]);
  return out;
}

/**
 * The picture in another container ffmpeg writes by the name's extension: `.avif` (AV1, fast settings: a still
 * picture), `.tiff`, `.webp`, ….
 */
export function convertedTo(image: string, out: string): string {
  const av1 = out.endsWith('.avif') ? ['-c:v', 'libaom-av1', '-cpu-used', '8', '-still-picture', '1'] : [];
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, ...av1, out]);
  return out;
}

/** The picture as a 185-px-wide JPEG, the size of a TMDB poster thumbnail. */
export function jpegOf(image: string, out: string): string {
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', 'scale=185:-2', '-q:v', '4', out]);
  return out;
}

/**
 * The astronaut photo's lower part, with no face in it: a space suit, a mission patch and a helmet (a PNG), as a
 * film's scene without a person in shot.
 */
export function spaceSuit(astronaut: string, out: string): string {
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', astronaut, '-vf', 'crop=512:212:0:300', out]);
  return out;
}

/** The picture in the right half of a grey frame twice as wide: a face off to the side of the shot (a PNG). */
export function onTheRight(image: string, out: string): string {
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', 'pad=iw*2:ih:iw:0:color=gray', out]);
  return out;
}

/**
 * The picture inside an SVG drawing sized by its viewBox alone (no size of its own, as drawings exported for the web
 * often are): a 960×640 JPEG of it, on white, embedded as the drawing's one image.
 */
export function svgDrawingOf(image: string, work: string, out: string): string {
  const jpeg = join(work, 'in-drawing.jpg');
  const fit = 'scale=960:640:force_original_aspect_ratio=decrease,pad=960:640:(ow-iw)/2:(oh-ih)/2:color=white';
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', fit, jpeg]);
  const href = `data:image/jpeg;base64,${readFileSync(jpeg).toString('base64')}`;
  writeFileSync(
    out,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 640"><image href="${href}" width="960" height="640"/></svg>`,
  );
  return out;
}

/** The picture as a 256-px Windows icon (.ico), the largest an icon holds. */
export function iconOf(image: string, out: string): string {
  const fit = 'scale=256:256:force_original_aspect_ratio=decrease';
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', fit, out]);
  return out;
}

/** The picture 400 px tall in the middle of a grey panorama 8000 px wide (a PNG): one face, large, far from square. */
export function panoramaOf(image: string, out: string): string {
  const filter = 'scale=-2:400,pad=8000:400:(ow-iw)/2:0:color=gray';
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', image, '-vf', filter, out]);
  return out;
}

/** ffmpeg's test pattern, 640 × 480, one frame (a .y4m the fake camera plays, or a picture): no face in it. */
export function testPattern(out: string): string {
  const y4m = out.endsWith('.y4m') ? ['-pix_fmt', 'yuv420p'] : [];
  execFileSync('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x480',
    '-frames:v',
    '1',
    ...y4m,
    out,
  ]);
  return out;
}
