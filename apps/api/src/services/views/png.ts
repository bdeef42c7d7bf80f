/**
 * Example thumbnails as PNG (8-bit grayscale or RGB) through fast-png, a maintained pure-JS encoder, with the
 * shape checked here so a bad image fails with a message that names it.
 */
import { encode } from 'fast-png';

/** Pixels to encode: `height` rows of `width` pixels with `channels` bytes each, row-major. */
export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** 1 grayscale, 3 RGB. */
  readonly channels: 1 | 3;
  /** [height, width, channels] uint8. */
  readonly data: Uint8Array;
}

/**
 * Encodes an image as PNG bytes.
 * @param image width, height ≥ 1; channels 1 or 3; width·height·channels bytes
 * Throws a `RangeError` for an empty image or a data length that does not match the shape.
 */
export function encodePng(image: PngImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (!(Number.isSafeInteger(width) && width >= 1 && Number.isSafeInteger(height) && height >= 1) || (channels !== 1 && channels !== 3)) {
    throw new RangeError(`encodePng: need width, height ≥ 1 and 1 or 3 channels; got ${width}×${height}×${channels}`);
  }
  const size = width * height * channels;
  if (data.length !== size) throw new RangeError(`encodePng: ${width}×${height}×${channels} needs ${size} bytes, got ${data.length}`);
  return encode({ width, height, channels, depth: 8, data });
}

/** The PNG as a `data:image/png;base64,…` URL. */
export function pngDataUrl(image: PngImage): string {
  return `data:image/png;base64,${Buffer.from(encodePng(image)).toString('base64')}`;
}
