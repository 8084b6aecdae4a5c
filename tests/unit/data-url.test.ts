import { describe, expect, it } from 'vitest';
import { fileKindOf, isImageDataUrl, READABLE_IMAGE_TYPES } from '../../models/image/data-url';

describe('fileKindOf', () => {
  it('reads the formats both browsers open, under the type the protocol names them by', () => {
    for (const type of READABLE_IMAGE_TYPES)
      expect(fileKindOf(`image/${type}`, `photo.${type}`)).toEqual({ kind: 'readable', type: `image/${type}` });
    // Other names systems and pages give them, and a name that says something else: the type decides.
    expect(fileKindOf('image/jpg', 'photo.jpg')).toEqual({ kind: 'readable', type: 'image/jpeg' });
    expect(fileKindOf('image/x-ms-bmp', 'scan.bmp')).toEqual({ kind: 'readable', type: 'image/bmp' });
    expect(fileKindOf('IMAGE/PNG', 'Screenshot')).toEqual({ kind: 'readable', type: 'image/png' });
    expect(fileKindOf('image/avif', 'photo.heic')).toEqual({ kind: 'readable', type: 'image/avif' });
  });

  it('names a picture in a format neither browser opens as the user knows it', () => {
    const format = (type: string, name: string) => {
      const kind = fileKindOf(type, name);
      return kind.kind === 'unreadable-picture' ? kind.format : kind.kind;
    };
    expect(format('image/tiff', 'scan.tif')).toBe('TIF');
    expect(format('image/tiff', 'scan')).toBe('TIFF');
    expect(format('image/heic', 'IMG_0042.HEIC')).toBe('HEIC');
    // The system gave no type (HEIC on Linux): the name says it is a picture.
    expect(format('', 'IMG_0042.HEIC')).toBe('HEIC');
    expect(format('application/octet-stream', 'DSC_0001.NEF')).toBe('NEF');
    expect(format('image/x-portable-pixmap', 'frame')).toBe('PORTABLE-PIXMAP');
    // A type that names something of every object is no format of ours.
    expect(format('image/constructor', 'x')).toBe('CONSTRUCTOR');
  });

  it('has the popup draw a picture the browser shows but the protocol does not carry: a drawing, an icon', () => {
    const drawn = (type: string) => ({ kind: 'drawn', type });
    expect(fileKindOf('image/svg+xml', 'logo.svg')).toEqual(drawn('image/svg+xml'));
    expect(fileKindOf('image/svg+xml', 'logo')).toEqual(drawn('image/svg+xml'));
    expect(fileKindOf('', 'logo.SVG')).toEqual(drawn('image/svg+xml'));
    expect(fileKindOf('image/vnd.microsoft.icon', 'favicon.ico')).toEqual(drawn('image/x-icon'));
    expect(fileKindOf('image/x-icon', 'favicon')).toEqual(drawn('image/x-icon'));
    expect(fileKindOf('application/octet-stream', 'favicon.ico')).toEqual(drawn('image/x-icon'));
  });

  it('takes anything else for no picture', () => {
    for (const [type, name] of [
      ['text/plain', 'notes.txt'],
      ['application/pdf', 'poster.pdf'],
      ['', 'holiday'],
      ['', 'holiday.jpg'],
      ['video/mp4', 'clip.mp4'],
    ] as const)
      expect(fileKindOf(type, name)).toEqual({ kind: 'not-a-picture' });
  });
});

describe('isImageDataUrl', () => {
  it('accepts a base64 data URL of each readable format, and nothing else', () => {
    for (const type of READABLE_IMAGE_TYPES) expect(isImageDataUrl(`data:image/${type};base64,AAAA`)).toBe(true);
    for (const bad of [
      'data:image/tiff;base64,AAAA',
      'data:image/svg+xml;base64,AAAA',
      'data:image/jpg;base64,AAAA',
      'data:image/png,AAAA',
      'data:image/png;base64,AA AA',
      'https://example.com/a.png',
      7,
      null,
    ])
      expect(isImageDataUrl(bad)).toBe(false);
  });
});
