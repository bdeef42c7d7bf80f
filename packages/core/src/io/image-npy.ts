/**
 * Example images as `.npy`: uint8 [n, h, w] (grayscale) or [n, h, w, c] with c = 1 or 3, C order. A path apart
 * from `readNpy`, whose contract (DESIGN.md §7) keeps activations to float32/float64/int32/int64.
 */
import { InvalidArgumentError } from '../errors/index.ts';
import { formatNpyHeader, parseNpyHeader } from './npy-header.ts';

/** n images of h × w pixels with c channels (1 grayscale, 3 RGB), pixel (i, y, x, k) at ((i·h + y)·w + x)·c + k. */
export interface ImageArray {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  /** [n, h, w, c] uint8 in C order. */
  readonly data: Uint8Array;
}

/** numpy writes uint8 with no byte order ('|u1'); '<u1' and '>u1' mean the same. */
const UINT8_DESCRS = new Set(['|u1', '<u1', '>u1']);

/**
 * Parses a `.npy` file of uint8 images.
 * @param bytes the whole file
 * @param name file name for error messages (the `parameter` of any `InvalidArgumentError`)
 * @returns the images; `data` is a copy [n·h·w·c]
 * Throws `InvalidArgumentError(name, …)` for another dtype, Fortran order, a shape other than [n, h, w] or
 * [n, h, w, 1|3] with h, w ≥ 1, or data whose size does not match the shape.
 */
export function readImageNpy(bytes: Uint8Array, name: string): ImageArray {
  const header = parseNpyHeader(bytes, name);
  const found = `dtype '${header.descr}', shape (${header.shape.join(', ')})`;
  if (!UINT8_DESCRS.has(header.descr)) throw new InvalidArgumentError(name, `has ${found}; images must be uint8 ('|u1')`);
  if (header.fortranOrder) throw new InvalidArgumentError(name, `has ${found} in Fortran order; expected C order (save with np.ascontiguousarray)`);
  const [count, height, width, channels = 1] = header.shape;
  const rankOk = header.shape.length === 3 || (header.shape.length === 4 && (channels === 1 || channels === 3));
  if (!rankOk || height < 1 || width < 1) {
    throw new InvalidArgumentError(name, `has ${found}; images must be [n, h, w] or [n, h, w, c] with c = 1 or 3 and h, w ≥ 1`);
  }
  const size = count * height * width * channels;
  const available = bytes.length - header.dataOffset;
  if (available !== size) {
    throw new InvalidArgumentError(name, `has ${found} (${size} data bytes expected) but ${available} data bytes${available < size ? ' (truncated)' : ''}`);
  }
  const data = bytes.slice(header.dataOffset, header.dataOffset + size);
  return Object.freeze({ count, height, width, channels: channels as 1 | 3, data });
}

/**
 * Serialises images as a `.npy` file: uint8 [n, h, w] when grayscale, [n, h, w, 3] when RGB.
 * @param images count, height, width, channels and count·height·width·channels bytes
 * @returns the file's bytes
 * Throws `InvalidArgumentError('images', …)` if the data length does not match the shape.
 */
export function writeImageNpy(images: ImageArray): Uint8Array {
  const { count, height, width, channels, data } = images;
  const dims = [count, height, width];
  if (!dims.every((s) => Number.isSafeInteger(s) && s >= 0) || (channels !== 1 && channels !== 3)) {
    throw new InvalidArgumentError('images', `shape must be non-negative integers with 1 or 3 channels, got [${dims.join(', ')}, ${channels}]`);
  }
  const size = count * height * width * channels;
  if (!(data instanceof Uint8Array) || data.length !== size) {
    throw new InvalidArgumentError('images', `[${dims.join(', ')}, ${channels}] needs ${size} bytes, data has ${data?.length}`);
  }
  const header = formatNpyHeader('|u1', channels === 1 ? dims : [...dims, channels]);
  const out = new Uint8Array(header.length + size);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}
