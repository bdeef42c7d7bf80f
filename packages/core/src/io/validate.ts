import { InvalidArgumentError } from '../errors/index.ts';
import { toInt32Labels, toNumberArray } from './npy-convert.ts';
import type { NpyArray } from './npy.ts';

/** Activations checked at the edge: n rows (examples) of d finite numbers. */
export interface Activations {
  n: number;
  d: number;
  /** [n, d] row-major, a fresh copy. */
  data: Float64Array;
}

/**
 * Checks that `array` is a matrix of finite numbers and copies it to float64.
 * @param array any dtype, shape [n, d] with n ≥ 1 and d ≥ 1
 * @param name the parameter's name, e.g. 'activations'
 * @returns { n, d, data: Float64Array [n, d] }
 * Throws `InvalidArgumentError(name, …)` for another rank, an empty dimension, or a non-finite
 * value (naming its row and column).
 */
export function validateActivations(array: NpyArray, name: string): Activations {
  const shape = `[${array.shape.join(', ')}]`;
  if (array.shape.length !== 2) {
    throw new InvalidArgumentError(name, `must be [n, d] finite numbers; got shape ${shape} (${array.dtype})`);
  }
  const [n, d] = array.shape;
  if (n === 0 || d === 0) throw new InvalidArgumentError(name, `must be [n, d] with n, d ≥ 1; got shape ${shape}`);
  const data = toNumberArray(array, name);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / d);
      throw new InvalidArgumentError(name, `must be [n, d] finite numbers; row ${row} col ${i - row * d} is ${data[i]}`);
    }
  }
  return { n, d, data };
}

/**
 * Checks that `array` holds one integer label per example.
 * @param array any dtype, shape [n]; values must be integers in the int32 range (3.0 is accepted)
 * @param n the expected number of labels (rows of the activations)
 * @param name the parameter's name, e.g. 'labels'
 * @returns Int32Array [n]
 * Throws `InvalidArgumentError(name, …)` for another rank, another length, or a non-integer value.
 */
export function validateLabels(array: NpyArray, n: number, name: string): Int32Array {
  if (array.shape.length !== 1 || array.shape[0] !== n) {
    throw new InvalidArgumentError(name, `must be [${n}] integer labels (one per row); got shape [${array.shape.join(', ')}]`);
  }
  return toInt32Labels(array, name);
}
