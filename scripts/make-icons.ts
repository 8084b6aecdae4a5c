/**
 * Draws Moodreel's toolbar icon (a smiling face on a film-reel disc) at every size the manifest lists and writes
 * PNGs into public/icon/. Pure Node (scripts/lib/png.ts), so no image library is needed.
 * Run: npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { encodePng } from './lib/png';

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
// Every size a store or browser asks for: 16/32/48 toolbar and menus, 96 Firefox's add-on manager, 128 the stores.
const SIZES = [16, 32, 48, 96, 128];
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, encodePng(size, size, draw(size), 4));
console.log(`Wrote public/icon/{${SIZES.join(',')}}.png`);
