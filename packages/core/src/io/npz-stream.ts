/**
 * `.npz` entries built from typed-array pieces, for archives written as a stream (`storedZipPieces`): a large
 * array made of many small ones (e.g. every component's Cholesky factor) is written without being joined first.
 */
import { formatNpyHeader } from './npy-header.ts';
import type { NpyDtype } from './npy.ts';
import type { ZipEntrySource } from './zip-write.ts';

type Typed = Float32Array | Float64Array | Int32Array | BigInt64Array;

const DESCR: Record<NpyDtype, string> = { float32: '<f4', float64: '<f8', int32: '<i4', int64: '<i8' };
const ITEM_SIZE: Record<NpyDtype, number> = { float32: 4, float64: 8, int32: 4, int64: 8 };

/**
 * A `<key>.npy` entry whose data is the concatenation of `pieces` (C order, little-endian host).
 * @param key the entry name numpy shows (without `.npy`)
 * @param dtype element type; every piece must be of its typed-array type
 * @param shape the array's shape; the pieces must hold prod(shape) elements in all
 * @param pieces called twice by the writer (CRC, then data); must yield the same arrays both times
 */
export function npyZipEntry(key: string, dtype: NpyDtype, shape: readonly number[], pieces: () => Iterable<Typed>): ZipEntrySource {
  const header = formatNpyHeader(DESCR[dtype], shape);
  const count = shape.reduce((a, b) => a * b, 1);
  return {
    name: `${key}.npy`,
    size: header.length + count * ITEM_SIZE[dtype],
    *pieces() {
      yield header;
      for (const piece of pieces()) yield new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength);
    },
  };
}

/** An entry holding raw bytes (e.g. a small JSON header beside the arrays; `np.load` returns it as bytes). */
export function bytesZipEntry(name: string, bytes: Uint8Array): ZipEntrySource {
  return { name, size: bytes.length, pieces: () => [bytes] };
}
