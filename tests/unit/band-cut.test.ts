import { describe, expect, it } from 'vitest';
import { bandOf } from '../../models/face/band-cut';
import { BAND_CUT } from '../../models/face/config';

describe('bandOf', () => {
  it('leaves a face that fills the image as its box', () => {
    expect(bandOf({ x: 13, y: 60, width: 230, height: 137 }, 256, 256, BAND_CUT)).toBeNull();
  });

  it('cuts a face in a larger frame as the band: from the brow, less high than wide', () => {
    const band = bandOf({ x: 100, y: 200, width: 200, height: 180 }, 562, 762, BAND_CUT)!;
    expect(band.x).toBeCloseTo(100 + BAND_CUT.x * 200);
    expect(band.y).toBeCloseTo(200 + BAND_CUT.y * 200);
    expect(band.width).toBeCloseTo(BAND_CUT.width * 200);
    expect(band.height).toBeCloseTo(BAND_CUT.height * 200);
    expect(band.height).toBeLessThan(180);
  });

  it('keeps the band inside the image at its edges', () => {
    const band = bandOf({ x: 0, y: 480, width: 100, height: 100 }, 640, 560, BAND_CUT)!;
    expect(band.x).toBe(0);
    expect(band.y + band.height).toBeLessThanOrEqual(560);
    expect(band.x + band.width).toBeLessThanOrEqual(640);
  });
});
