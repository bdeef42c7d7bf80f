import { InvalidArgumentError } from '../errors/index.ts';
import { decodeElements, fortranToC } from './npy-decode.ts';
import { ACCEPTED_DESCRS, describeConversion, parseStoredDtype } from './npy-dtype.ts';
import { formatNpyHeader, parseNpyHeader } from './npy-header.ts';

/** The dtypes of the arrays classfit returns and writes (little-endian, C order in files it writes). */
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
 * `converted` is set (e.g. "float16 → float32, Fortran order → C order") when reading changed the file's
 * representation (never its values); a writer's arrays leave it unset.
 */
export type NpyArray = {
  [K in NpyDtype]: { dtype: K; shape: number[]; data: NpyDataByDtype[K]; converted?: string };
}[NpyDtype];

const DESCR: Record<NpyDtype, string> = { float32: '<f4', float64: '<f8', int32: '<i4', int64: '<i8' };

// Typed arrays use the host byte order; every platform Node supports for classfit (x64, arm64) is little-endian.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Parses a `.npy` file held in memory.
 * @param bytes the whole file
 * @param name file name for error messages (the `parameter` of any `InvalidArgumentError`)
 * @param options.copy when false, `data` may share memory with `bytes` if it is suitably aligned (default true)
 * @returns the array in C order and host byte order. Accepted: float16/float32/float64/int32/int64, little- or
 *   big-endian, C or Fortran order. float16 is widened to float32 exactly, big-endian data is byte-swapped and
 *   Fortran-order data is reordered into C order for the same shape (`converted` says which happened).
 * Throws `InvalidArgumentError(name, …)` for any other dtype (bool, uint8, structured, object …), a malformed
 * header, or data whose size does not match the shape.
 */
export function readNpy(bytes: Uint8Array, name: string, options: { copy?: boolean } = {}): NpyArray {
  if (!HOST_IS_LITTLE_ENDIAN) throw new Error('classfit reads .npy files only on little-endian hosts');
  const header = parseNpyHeader(bytes, name);
  const stored = parseStoredDtype(header.descr);
  const order = header.fortranOrder ? ', Fortran order' : '';
  const found = `dtype '${header.descr}', shape (${header.shape.join(', ')})${order}`;
  if (stored === undefined) throw new InvalidArgumentError(name, `has ${found}; expected ${ACCEPTED_DESCRS}`);
  const count = header.shape.reduce((a, b) => a * b, 1);
  const size = count * stored.itemSize;
  const available = bytes.length - header.dataOffset;
  if (available !== size) {
    throw new InvalidArgumentError(
      name,
      `has ${found} (${size} data bytes expected) but ${available} data bytes${available < size ? ' (truncated)' : ''}`,
    );
  }
  const { dtype } = stored;
  const converted = describeConversion(stored, header.fortranOrder);
  if (converted === '') {
    const start = bytes.byteOffset + header.dataOffset;
    const buffer = options.copy === false && start % stored.itemSize === 0 ? bytes.buffer : bytes.buffer.slice(start, start + size);
    const offset = buffer === bytes.buffer ? start : 0;
    return { dtype, shape: header.shape, data: makeTypedArray(dtype, buffer as ArrayBuffer, offset, count) } as NpyArray;
  }
  const elements = decodeElements(bytes.subarray(header.dataOffset), stored, count);
  const data = header.fortranOrder ? fortranToC(elements, header.shape) : elements;
  return { dtype, shape: header.shape, data, converted } as NpyArray;
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
