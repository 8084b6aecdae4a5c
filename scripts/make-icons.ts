/**
 * Draws Moodreel's toolbar icon (a smiling face on a film-reel disc) at every size the manifest lists and writes
 * PNGs into public/icon/. Pure Node: a tiny PNG encoder over zlib, so no image library is needed.
 * Run: npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of pixel (px, py) by a shape, from 4×4 supersampling in unit coordinates (-1..1). */
function draw(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = ((px + (sx + 0.5) / S) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / S) / size) * 2 - 1;
          const d = Math.hypot(x, y);
          if (d > 0.96) continue;
          // Disc with a violet-to-amber gradient.
          const t = (y + 1) / 2;
          let c = [107 + (255 - 107) * t * 0.6, 63 + (170 - 63) * t * 0.6, 214 - 120 * t];
          // Film-reel holes around the rim.
          const angle = Math.atan2(y, x);
          const hole = Math.hypot(
            x - 0.74 * Math.cos(Math.round(angle / (Math.PI / 4)) * (Math.PI / 4)),
            y - 0.74 * Math.sin(Math.round(angle / (Math.PI / 4)) * (Math.PI / 4)),
          );
          if (hole < 0.1) c = [40, 24, 70];
          // Face: eyes and a smile.
          const eye = Math.min(Math.hypot(x + 0.2, y + 0.12), Math.hypot(x - 0.2, y + 0.12));
          const smile = Math.abs(Math.hypot(x, y + 0.05) - 0.34) < 0.06 && y > 0.08;
          if (d < 0.56) c = [255, 236, 160];
          if (d < 0.56 && (eye < 0.07 || smile)) c = [40, 24, 70];
          r += c[0]!;
          g += c[1]!;
          b += c[2]!;
          a += 255;
        }
      }
      const n = S * S;
      const i = (py * size + px) * 4;
      const cover = a / n / 255;
      out[i] = cover ? r / (a / 255) : 0;
      out[i + 1] = cover ? g / (a / 255) : 0;
      out[i + 2] = cover ? b / (a / 255) : 0;
      out[i + 3] = a / n;
    }
  }
  return out;
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size, draw(size)));
console.log('Wrote public/icon/{16,32,48,128}.png');
