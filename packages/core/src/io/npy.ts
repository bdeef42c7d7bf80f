import { InvalidArgumentError } from '../errors/index.ts';
import { formatNpyHeader, parseNpyHeader } from './npy-header.ts';

/** The dtypes classfit reads and writes: little-endian, C order. */
export type NpyDtype = 'float32' | 'float64' | 'int32' | 'int64';

/** Typed array for each dtype; int64 stays `BigInt64Array` (see `toNumberArray`/`toInt32Labels`). */
export interface NpyDataByDtype {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  int64: BigInt64Array;
}

/**
 * An n-dimensional array as stored in a `.npy` file: `data` holds prod(shape) elements in C
 * (row-major) order. int64 data is kept as `BigInt64Array` so no value is silently rounded;
 * convert with `toNumberArray` or `toInt32Labels`, which check the values.
 */
export type NpyArray = {
  [K in NpyDtype]: { dtype: K; shape: number[]; data: NpyDataByDtype[K] };
}[NpyDtype];

const DESCR: Record<NpyDtype, string> = { float32: '<f4', float64: '<f8', int32: '<i4', int64: '<i8' };
const DTYPE_BY_DESCR: Record<string, NpyDtype> = { '<f4': 'float32', '<f8': 'float64', '<i4': 'int32', '<i8': 'int64' };
const ITEM_SIZE: Record<NpyDtype, number> = { float32: 4, float64: 8, int32: 4, int64: 8 };

// Typed arrays use the host byte order; every platform Node supports for classfit (x64, arm64) is little-endian.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Parses a `.npy` file held in memory.
 * @param bytes the whole file
 * @param name file name for error messages (the `parameter` of any `InvalidArgumentError`)
 * @param options.copy when false, `data` may share memory with `bytes` if it is suitably aligned (default true)
 * @returns the array; only '<f4', '<f8', '<i4', '<i8' in C order are accepted
 * Throws `InvalidArgumentError(name, …)` for any other dtype, Fortran order, a malformed header,
 * or data whose size does not match the shape.
 */
export function readNpy(bytes: Uint8Array, name: string, options: { copy?: boolean } = {}): NpyArray {
  if (!HOST_IS_LITTLE_ENDIAN) throw new Error('classfit reads .npy files only on little-endian hosts');
  const header = parseNpyHeader(bytes, name);
  const dtype = DTYPE_BY_DESCR[header.descr];
  const found = `dtype '${header.descr}', shape (${header.shape.join(', ')})`;
  if (dtype === undefined) {
    throw new InvalidArgumentError(
      name,
      `has ${found}; expected little-endian float32/float64/int32/int64 ('<f4', '<f8', '<i4', '<i8')`,
    );
  }
  if (header.fortranOrder) {
    throw new InvalidArgumentError(name, `has ${found} in Fortran order; expected C order (save with np.ascontiguousarray)`);
  }
  const count = header.shape.reduce((a, b) => a * b, 1);
  const itemSize = ITEM_SIZE[dtype];
  const available = bytes.length - header.dataOffset;
  if (available !== count * itemSize) {
    throw new InvalidArgumentError(
      name,
      `has ${found} (${count * itemSize} data bytes expected) but ${available} data bytes${available < count * itemSize ? ' (truncated)' : ''}`,
    );
  }
  const start = bytes.byteOffset + header.dataOffset;
  const buffer =
    options.copy === false && start % itemSize === 0
      ? bytes.buffer
      : bytes.buffer.slice(start, start + count * itemSize);
  const offset = buffer === bytes.buffer ? start : 0;
  return { dtype, shape: header.shape, data: makeTypedArray(dtype, buffer as ArrayBuffer, offset, count) } as NpyArray;
}

function makeTypedArray(dtype: NpyDtype, buffer: ArrayBuffer, offset: number, count: number) {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, offset, count);
    case 'float64':
      return new Float64Array(buffer, offset, count);
    case 'int32':
      return new Int32Array(buffer, offset, count);
    case 'int64':
      return new BigInt64Array(buffer, offset, count);
  }
}

/**
 * Serialises an array as a `.npy` file (format 1.0, C order, little-endian).
 * @param array dtype, shape and prod(shape) elements of matching typed-array type
 * @returns the file's bytes [header + prod(shape)·itemsize]
 * Throws `InvalidArgumentError('array', …)` if the data's type or length does not match dtype and shape.
 */
export function writeNpy(array: NpyArray): Uint8Array {
  if (!HOST_IS_LITTLE_ENDIAN) throw new Error('classfit writes .npy files only on little-endian hosts');
  checkArray(array);
  const header = formatNpyHeader(DESCR[array.dtype], array.shape);
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

const CONSTRUCTOR: Record<NpyDtype, Function> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
};

function checkArray(array: NpyArray): void {
  const expected = CONSTRUCTOR[array.dtype];
  if (expected === undefined) {
    throw new InvalidArgumentError('array', `dtype must be float32, float64, int32 or int64, got ${String(array.dtype)}`);
  }
  if (!(array.data instanceof expected)) {
    throw new InvalidArgumentError('array', `dtype ${array.dtype} needs a ${expected.name}, got ${array.data?.constructor?.name}`);
  }
  if (!array.shape.every((s) => Number.isSafeInteger(s) && s >= 0)) {
    throw new InvalidArgumentError('array', `shape must be non-negative integers, got [${array.shape.join(', ')}]`);
  }
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (array.data.length !== count) {
    throw new InvalidArgumentError('array', `shape [${array.shape.join(', ')}] needs ${count} elements, data has ${array.data.length}`);
  }
}
