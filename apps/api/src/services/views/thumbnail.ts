/**
 * `Example.thumbnail`: one example's image cut from the model's images array, optionally resized by nearest
 * neighbour, as a PNG `data:` URL.
 */
import type { ImageArray } from '@classfit/core/io';
import { pngDataUrl, type PngImage } from './png.ts';
import { BadUserInputError } from '../errors.ts';

/** Largest `size` a client may ask for, pixels. */
export const MAX_THUMBNAIL_SIZE = 256;

/**
 * Image `index` of `images`, its longer side scaled to `size` pixels (nearest neighbour; the other side keeps the
 * aspect ratio, at least 1 pixel); the stored size when `size` is absent.
 * @returns [h', w', c] pixels, or null when `index` is outside [0, count)
 * Throws {@link BadUserInputError} for a size outside 1..{@link MAX_THUMBNAIL_SIZE}.
 */
export function thumbnailPixels(images: ImageArray, index: number, size?: number | null): PngImage | null {
  if (size !== null && size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= MAX_THUMBNAIL_SIZE)) {
    throw new BadUserInputError('size', `must be an integer in 1..${MAX_THUMBNAIL_SIZE}; got ${size}`);
  }
  if (!(index >= 0 && index < images.count)) return null;
  const { height: h, width: w, channels: c } = images;
  const pixels = images.data.subarray(index * h * w * c, (index + 1) * h * w * c);
  if (size === null || size === undefined || size === Math.max(h, w)) return { width: w, height: h, channels: c, data: pixels };
  const scale = size / Math.max(h, w);
  const height = Math.max(1, Math.round(h * scale));
  const width = Math.max(1, Math.round(w * scale));
  const data = new Uint8Array(height * width * c);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(h - 1, Math.floor((y * h) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(w - 1, Math.floor((x * w) / width));
      for (let k = 0; k < c; k++) data[(y * width + x) * c + k] = pixels[(sy * w + sx) * c + k];
    }
  }
  return { width, height, channels: c, data };
}

/** {@link thumbnailPixels} as a PNG `data:` URL (null when there is no such image). */
export function thumbnailDataUrl(images: ImageArray, index: number, size?: number | null): string | null {
  const image = thumbnailPixels(images, index, size);
  return image && pngDataUrl(image);
}
