/**
 * Names written as UTF-8, read back as Windows-1252 and written out again ("RodrÃ­guez" for "Rodríguez"), as the
 * Udacity TMDB export's directors and cast often are, put back. Text that is not such comes back as it was.
 */

/** Windows-1252's characters for the bytes 0x80–0x9F (the five it leaves undefined stand for themselves). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The byte Windows-1252 writes `char` as, or null for a character it has none for. */
function cp1252Byte(char: string): number | null {
  const code = char.codePointAt(0)!;
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  const i = CP1252_80_9F.indexOf(char);
  return i >= 0 ? 0x80 + i : null;
}

export function unmangled(text: string): string {
  // Fast way out: a mangled letter starts with Â or Ã (Å, Ä… for rarer ones), mangled punctuation with â ("â€™").
  if (!/[ÂÃÄÅÆÐÑâ]/.test(text)) return text;
  const bytes: number[] = [];
  for (const char of text) {
    const byte = cp1252Byte(char);
    if (byte === null) return text;
    bytes.push(byte);
  }
  // "Ãngel": the export dropped Á's second byte (0x81, which Windows-1252 leaves undefined); it is put back before a
  // lower-case letter, where a real Ã (a capital) is not found in names.
  for (let i = 0; i < bytes.length - 1; i++)
    if (bytes[i] === 0xc3 && bytes[i + 1]! >= 0x61 && bytes[i + 1]! <= 0x7a) bytes.splice(i + 1, 0, 0x81);
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    // Not UTF-8 read the wrong way: a name that really has such letters ("Âge d'Or").
    return text;
  }
}
