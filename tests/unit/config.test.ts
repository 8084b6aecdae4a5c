import { describe, expect, it } from 'vitest';
import { fitWithin } from '../../models/face/config';

describe('fitWithin', () => {
  it('downscales the longer side and never upscales', () => {
    expect(fitWithin(8000, 5000, 1600)).toEqual({ width: 1600, height: 1000 });
    expect(fitWithin(640, 480, 1600)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(0, 0, 1600)).toEqual({ width: 1, height: 1 });
  });
});
