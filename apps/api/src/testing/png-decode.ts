/**
 * Test helper: decodes the PNGs `server/png.ts` writes (8-bit grayscale or RGB, filter 0, one or more IDAT),
 * checking the signature and every chunk's CRC-32, so tests can compare pixels.
 */
import { inflateSync } from 'node:zlib';
import { crc32 } from '../server/png.ts';

/** A decoded PNG: [height, width, channels] uint8. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
  /** Chunk types in file order. */
  readonly chunks: string[];
}

/** Decodes PNG bytes or a `data:image/png;base64,` URL; throws on anything it cannot check. */
export function decodePng(input: Uint8Array | string): DecodedPng {
  const bytes = typeof input === 'string' ? fromDataUrl(input) : input;
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let header: Uint8Array | undefined;
  for (let offset = 8; offset < bytes.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  if (!header || chunks[0] !== 'IHDR' || chunks.at(-1) !== 'IEND') throw new Error(`bad chunk order ${chunks.join(',')}`);
  const h = new DataView(header.buffer, header.byteOffset, 13);
  const [width, height, depth, colorType] = [h.getUint32(0), h.getUint32(4), header[8], header[9]];
  if (depth !== 8 || (colorType !== 0 && colorType !== 2) || header[12] !== 0) throw new Error(`unsupported IHDR ${Array.from(header)}`);
  const channels = colorType === 0 ? 1 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT has ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error(`row ${y} uses filter ${raw[y * (stride + 1)]}`);
    data.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, channels, data, chunks };
}

function fromDataUrl(url: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!url.startsWith(prefix)) throw new Error(`not a PNG data URL: ${url.slice(0, 40)}`);
  return new Uint8Array(Buffer.from(url.slice(prefix.length), 'base64'));
}
