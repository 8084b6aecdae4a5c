import { describe, expect, it } from 'vitest';
import { checkFailure, missedCheckProblem, parseMissedCheck, type MissedCheck } from '../../models/mood/missed-check';
import { MIN_PICTURE_SIDE } from '../../models/problems';

const noFace: MissedCheck = { source: 'camera', at: 1_700_000_000_000, ended: 'no-face', width: 640, height: 480 };

describe('a check the popup was closed on that found no mood', () => {
  it('tells what the open popup would have told, by where the picture came from and its size', () => {
    expect(missedCheckProblem(noFace)).toEqual({ code: 'no-face', body: undefined });
    // A tab's video frame gets a video's advice, a file a picture's.
    expect(missedCheckProblem({ ...noFace, source: 'tab' })).toEqual({ code: 'no-face', body: 'noFaceInFrame' });
    expect(missedCheckProblem({ ...noFace, source: 'file' })).toEqual({ code: 'no-face', body: 'noFaceInFile' });
    // A panorama's, to crop it (its faces come out small): not too small, it is 8000 × 400.
    const panorama = { ...noFace, source: 'file', width: 8000, height: 400 } as const;
    expect(missedCheckProblem(panorama)).toEqual({ code: 'no-face', body: 'noFaceInNarrowPicture' });
    expect(missedCheckProblem({ ...panorama, width: 400, height: 8000 })).toMatchObject({
      body: 'noFaceInNarrowPicture',
    });
    expect(missedCheckProblem({ ...panorama, width: 1599 })).toMatchObject({ body: 'noFaceInFile' });
    // Too small a picture is told as that, with its size.
    expect(missedCheckProblem({ ...noFace, source: 'file', width: 60, height: 48 })).toEqual({
      code: 'image-too-small',
      subs: [60, 48, MIN_PICTURE_SIDE],
    });
    expect(missedCheckProblem({ source: 'file', at: 1, ended: 'failed', code: 'model-failed' })).toEqual({
      code: 'model-failed',
    });
  });

  it('keeps a failure as one it can tell, any other as a failed read', () => {
    expect(checkFailure('model-failed')).toBe('model-failed');
    expect(checkFailure('storage-failed')).toBe('inference-failed');
  });

  it('reads back only what it keeps: numbers, a source and how it ended, never more', () => {
    expect(parseMissedCheck(JSON.parse(JSON.stringify(noFace)))).toEqual(noFace);
    const failed = { source: 'tab', at: 5, ended: 'failed', code: 'bad-image' };
    expect(parseMissedCheck(failed)).toEqual(failed);
    for (const bad of [
      null,
      'no-face',
      { ...noFace, image: 'data:image/png;base64,AAAA' },
      { ...noFace, source: 'video' },
      { ...noFace, width: 0 },
      { ...noFace, height: 1.5 },
      { ...noFace, at: Number.NaN },
      { ...noFace, ended: 'mood' },
      { ...failed, code: 'no-face' },
      { ...failed, width: 640 },
    ])
      expect(parseMissedCheck(bad)).toBeNull();
  });
});
