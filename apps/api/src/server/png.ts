/**
 * A minimal PNG encoder (8-bit grayscale or RGB, no interlace, filter 0 on every row) over node:zlib — enough for
 * example thumbnails without an image library. Layout per the PNG specification (ISO/IEC 15948): signature,
 * IHDR, one IDAT, IEND; each chunk is length, type, data, CRC-32 of type + data.
 */
import { deflateSync } from 'node:zlib';

/** Pixels to encode: `height` rows of `width` pixels with `channels` bytes each, row-major. */
export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** 1 grayscale, 3 RGB. */
  readonly channels: 1 | 3;
  /** [height, width, channels] uint8. */
  readonly data: Uint8Array;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** PNG colour types: 0 grayscale, 2 truecolour. */
const COLOR_TYPE = { 1: 0, 3: 2 } as const;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes an image as PNG bytes.
 * @param image width, height ≥ 1; channels 1 or 3; width·height·channels bytes
 * @returns the PNG file
 * Throws a `RangeError` for an empty image or a data length that does not match the shape.
 */
export function encodePng(image: PngImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (!(Number.isSafeInteger(width) && width >= 1 && Number.isSafeInteger(height) && height >= 1) || (channels !== 1 && channels !== 3)) {
    throw new RangeError(`encodePng: need width, height ≥ 1 and 1 or 3 channels; got ${width}×${height}×${channels}`);
  }
  const stride = width * channels;
  if (data.length !== stride * height) throw new RangeError(`encodePng: ${width}×${height}×${channels} needs ${stride * height} bytes, got ${data.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, COLOR_TYPE[channels], 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  const raw = new Uint8Array((stride + 1) * height); // each row: filter byte 0 (None), then the row
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The PNG as a `data:image/png;base64,…` URL. */
export function pngDataUrl(image: PngImage): string {
  return `data:image/png;base64,${Buffer.from(encodePng(image)).toString('base64')}`;
}
