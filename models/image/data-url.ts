/** Images as they travel between contexts: `data:image/...;base64,` URLs, with a size limit. */

/** The largest image we accept as a data URL (about 30 MB of base64, a 40-megapixel JPEG fits). */
export const MAX_IMAGE_DATA_URL_LENGTH = 40_000_000;
/** The largest image file that fits in such a data URL (base64 takes 4 characters per 3 bytes; the header ~30). */
export const MAX_IMAGE_FILE_BYTES = Math.floor(((MAX_IMAGE_DATA_URL_LENGTH - 32) * 3) / 4);

/** The picture formats Chromium and Firefox both open (MIME subtypes of `image/`). */
export const READABLE_IMAGE_TYPES = ['jpeg', 'png', 'webp', 'gif', 'bmp', 'avif'] as const;

const IMAGE_DATA_URL = new RegExp(`^data:image/(${READABLE_IMAGE_TYPES.join('|')});base64,[A-Za-z0-9+/]+=*$`);

export function isImageDataUrl(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_IMAGE_DATA_URL_LENGTH && IMAGE_DATA_URL.test(v);
}

/**
 * Picture formats neither browser opens, by file extension: the system does not always give their files an image
 * type (HEIC on Linux, say), and the user knows them by this name.
 */
const UNREADABLE_PICTURE_EXTENSIONS = new Set('tif tiff heic heif jxl jp2 psd xcf dng cr2 cr3 nef arw raf'.split(' '));

/**
 * Pictures both browsers show that the protocol does not carry (a drawing, an icon), by type and by extension: the
 * popup draws them as the browser shows them into a PNG, which is read like any other.
 */
export type DrawnType = 'image/svg+xml' | 'image/x-icon';
const DRAWN_TYPES = new Map<string, DrawnType>([
  ['svg+xml', 'image/svg+xml'],
  ['x-icon', 'image/x-icon'],
  ['vnd.microsoft.icon', 'image/x-icon'],
]);
const DRAWN_EXTENSIONS = new Map<string, DrawnType>([
  ['svg', 'image/svg+xml'],
  ['ico', 'image/x-icon'],
]);

/**
 * What a chosen file is: a picture the browser opens (with its type as the protocol names it), one it shows that the
 * popup draws first, a picture in a format it does not open (named as users know it), or no picture.
 */
export type FileKind =
  | { kind: 'readable'; type: `image/${(typeof READABLE_IMAGE_TYPES)[number]}` }
  | { kind: 'drawn'; type: DrawnType }
  | { kind: 'unreadable-picture'; format: string }
  | { kind: 'not-a-picture' };

/** Other names systems and pages give the readable types. */
const TYPE_ALIASES = new Map<string, (typeof READABLE_IMAGE_TYPES)[number]>([
  ['jpg', 'jpeg'],
  ['pjpeg', 'jpeg'],
  ['x-png', 'png'],
  ['x-ms-bmp', 'bmp'],
  ['x-bmp', 'bmp'],
]);

const isReadable = (subtype: string): subtype is (typeof READABLE_IMAGE_TYPES)[number] =>
  (READABLE_IMAGE_TYPES as readonly string[]).includes(subtype);

/** What a file is, by the type the system gave it (`image/tiff`) and its name (`scan.tif`). */
export function fileKindOf(type: string, name: string): FileKind {
  const lower = type.toLowerCase();
  const given = lower.startsWith('image/') ? lower.slice('image/'.length) : null;
  const subtype = given === null ? null : (TYPE_ALIASES.get(given) ?? given);
  if (subtype !== null && isReadable(subtype)) return { kind: 'readable', type: `image/${subtype}` };
  const extension = /\.([a-z0-9]{2,5})$/i.exec(name)?.[1]?.toLowerCase() ?? null;
  const drawn = subtype === null ? DRAWN_EXTENSIONS.get(extension ?? '') : DRAWN_TYPES.get(subtype);
  if (drawn) return { kind: 'drawn', type: drawn };
  const unreadableByName = extension !== null && UNREADABLE_PICTURE_EXTENSIONS.has(extension);
  if (subtype === null && !unreadableByName) return { kind: 'not-a-picture' };
  // "HEIC", "TIFF": the extension users know it by, else the type's name without its prefixes.
  const named = unreadableByName ? extension : subtype!.replace(/^(x-|vnd\.)/, '').replace(/\+.*$/, '');
  return { kind: 'unreadable-picture', format: named.toUpperCase() };
}
