import { InvalidArgumentError } from '../errors/index.ts';
import type { NpyArray } from './npy.ts';

/**
 * Copies any `NpyArray`'s elements into plain numbers.
 * @param array any dtype; int64 values must be safe integers (|v| ≤ 2⁵³ − 1)
 * @param name parameter name for errors
 * @returns Float64Array [prod(shape)], C order
 * Throws `InvalidArgumentError(name, …)` naming the first int64 value that a number cannot hold exactly.
 */
export function toNumberArray(array: NpyArray, name: string): Float64Array {
  if (array.dtype !== 'int64') return Float64Array.from(array.data);
  const out = new Float64Array(array.data.length);
  for (let i = 0; i < out.length; i++) {
    const value = array.data[i];
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new InvalidArgumentError(name, `element ${i} is ${value}, outside the safe-integer range of a number`);
    }
    out[i] = Number(value);
  }
  return out;
}

/**
 * Class labels as 32-bit integers.
 * @param array any dtype and shape; every element must be an integer in [−2³¹, 2³¹) (floats such as 3.0 are accepted)
 * @param name parameter name for errors
 * @returns Int32Array [prod(shape)], C order
 * Throws `InvalidArgumentError(name, …)` naming the first element that is not such an integer.
 */
export function toInt32Labels(array: NpyArray, name: string): Int32Array {
  const out = new Int32Array(array.data.length);
  for (let i = 0; i < out.length; i++) {
    const raw = array.data[i];
    const value = typeof raw === 'bigint' ? (raw >= -(2n ** 31n) && raw < 2n ** 31n ? Number(raw) : NaN) : raw;
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
      throw new InvalidArgumentError(name, `must hold 32-bit integer labels; element ${i} is ${raw} (dtype ${array.dtype})`);
    }
    out[i] = value;
  }
  return out;
}
