/** Images as they travel between contexts: `data:image/...;base64,` URLs, with a size limit. */

/** The largest image we accept as a data URL (about 30 MB of base64, a 40-megapixel JPEG fits). */
export const MAX_IMAGE_DATA_URL_LENGTH = 40_000_000;
/** The largest image file that fits in such a data URL (base64 takes 4 characters per 3 bytes; the header ~30). */
export const MAX_IMAGE_FILE_BYTES = Math.floor(((MAX_IMAGE_DATA_URL_LENGTH - 32) * 3) / 4);

const IMAGE_DATA_URL = /^data:image\/(jpeg|png|webp|gif|bmp);base64,[A-Za-z0-9+/]+=*$/;

export function isImageDataUrl(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_IMAGE_DATA_URL_LENGTH && IMAGE_DATA_URL.test(v);
}
