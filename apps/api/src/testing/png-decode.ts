/** Test helper: decodes a PNG (bytes or a `data:image/png;base64,` URL) with fast-png, checking every chunk's CRC. */
import { decode } from 'fast-png';

/** A decoded 8-bit PNG: [height, width, channels] uint8. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly depth: number;
  readonly data: Uint8Array;
}

/** Decodes PNG bytes or a data URL; throws on a bad signature, a bad CRC or a bit depth other than 8. */
export function decodePng(input: Uint8Array | string): DecodedPng {
  const bytes = typeof input === 'string' ? fromDataUrl(input) : input;
  const png = decode(bytes, { checkCrc: true });
  if (png.depth !== 8) throw new Error(`expected an 8-bit PNG, got depth ${png.depth}`);
  return { width: png.width, height: png.height, channels: png.channels, depth: png.depth, data: Uint8Array.from(png.data) };
}

function fromDataUrl(url: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!url.startsWith(prefix)) throw new Error(`not a PNG data URL: ${url.slice(0, 40)}`);
  return new Uint8Array(Buffer.from(url.slice(prefix.length), 'base64'));
}
