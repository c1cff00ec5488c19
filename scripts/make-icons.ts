// Writes the installer icons into assets/build (electron-builder's buildResources): icon.png (512 px,
// Linux) and icon.ico (256 px PNG inside, Windows). A tiny PNG encoder on node:zlib, no image tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** The mark: a navy tile with a white ticket and its number bar (the hall's queue ticket). */
function pixel(x: number, y: number, n: number): [number, number, number, number] {
  const u = x / n;
  const v = y / n;
  const r = 0.18; // corner radius, as a fraction of the side
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const inTicket = u > 0.26 && u < 0.74 && v > 0.18 && v < 0.82;
  const bar =
    u > 0.34 && u < 0.66 && ((v > 0.3 && v < 0.4) || (v > 0.48 && v < 0.54) || (v > 0.6 && v < 0.66));
  if (inTicket && !bar) return [255, 255, 255, 255];
  return [11, 31, 51, 255];
}

function png(n: number): Buffer {
  const raw = Buffer.alloc((n * 4 + 1) * n);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) raw.set(pixel(x + 0.5, y + 0.5, n), y * (n * 4 + 1) + 1 + x * 4);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(n, 0);
  header.writeUInt32BE(n, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one 256 px PNG (Windows Vista and later read PNG entries). */
function ico(image: Buffer): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(0, 6); // 0 = 256 px wide
  head.writeUInt8(0, 7); // 0 = 256 px high
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(image.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, image]);
}

mkdirSync('assets/build', { recursive: true });
writeFileSync('assets/build/icon.png', png(512));
writeFileSync('assets/build/icon.ico', ico(png(256)));
