/**
 * Turns the data bytes of a `.npy` file that is not native-order C-contiguous (big-endian, float16, Fortran
 * order) into the typed array a C-order little-endian file would have given. Every conversion is exact.
 */
import { halfTable } from './float16.ts';
import type { StoredDtype } from './npy-dtype.ts';
import type { NpyDataByDtype, NpyDtype } from './npy.ts';

type NpyData = NpyDataByDtype[NpyDtype];

/**
 * Decodes `count` elements stored as `stored` into host order (float16 widened to float32).
 * @param bytes exactly count · stored.itemSize bytes
 * @returns a fresh typed array [count] of stored.dtype, in the file's element order
 */
export function decodeElements(bytes: Uint8Array, stored: StoredDtype, count: number): NpyData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = stored.littleEndian;
  if (stored.half) {
    const table = halfTable();
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = table[view.getUint16(2 * i, little)];
    return out;
  }
  switch (stored.dtype) {
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, little);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, little);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, little);
      return out;
    }
    case 'int64': {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getBigInt64(8 * i, little);
      return out;
    }
  }
}

/**
 * Reorders elements stored in Fortran (column-major) order into C (row-major) order for the same shape: the
 * element at index (i₀, …, i_{r−1}) sits at i₀ + s₀·(i₁ + s₁·(…)) in `data` and at (…(i₀·s₁ + i₁)·s₂ …) in the result.
 * `np.save(f, a.T)` of a C-order `a` writes `a.T`'s elements in Fortran order with shape a.T.shape.
 * @param data prod(shape) elements in Fortran order
 * @returns a fresh array of the same type [prod(shape)], C order
 */
export function fortranToC<T extends NpyData>(data: T, shape: readonly number[]): T {
  const out = new (data.constructor as new (length: number) => T)(data.length);
  const rank = shape.length;
  if (rank < 2) {
    out.set(data as never);
    return out;
  }
  const cStride = new Array<number>(rank).fill(1);
  for (let k = rank - 2; k >= 0; k--) cStride[k] = cStride[k + 1] * shape[k + 1];
  const index = new Array<number>(rank).fill(0);
  let offset = 0; // C offset of `index`
  for (let i = 0; i < data.length; i++) {
    out[offset] = data[i];
    for (let k = 0; k < rank; k++) {
      // Fortran order advances the first axis fastest.
      index[k]++;
      offset += cStride[k];
      if (index[k] < shape[k]) break;
      offset -= index[k] * cStride[k];
      index[k] = 0;
    }
  }
  return out;
}
