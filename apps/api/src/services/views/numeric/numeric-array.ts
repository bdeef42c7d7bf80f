/**
 * `NumericArray` values in GraphQL: the shared wire format (@classfit/wire/numeric-array: base64 of little-endian
 * float32, C order), with decoding errors reported as the argument's user errors.
 */
import { decodeNumericArray, encodeNumericArray, NumericArrayError } from '@classfit/wire/numeric-array';
import { BadUserInputError } from '../../errors.ts';

/** The GraphQL `NumericArray` object. */
export interface NumericArrayValue {
  readonly dtype: 'float32';
  readonly shape: number[];
  readonly data: string;
}

/** Encodes `values` (any numbers; NaN and ±Infinity survive) with `shape`; throws if the sizes disagree. */
export function toNumericArray(values: ArrayLike<number>, shape: readonly number[]): NumericArrayValue {
  return encodeNumericArray(values, shape);
}

/** The client's `NumericArrayInput`. */
export interface NumericArrayInputValue {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: string;
}

/**
 * Decodes a `NumericArrayInput` of rank `rank`, checking dtype, shape and base64 strictly; `field` names it in errors.
 * @returns the values as a Float32Array in C order, and the shape
 */
export function fromNumericArrayInput(input: NumericArrayInputValue, field: string, rank: number): { values: Float32Array; shape: number[] } {
  try {
    return { values: decodeNumericArray(input, rank), shape: [...input.shape] };
  } catch (error) {
    if (error instanceof NumericArrayError) throw new BadUserInputError(`${field}.${error.part}`, error.message);
    throw error;
  }
}

/** Rows of a `[n, d]` row-major array as JSON lists, or null when n·d exceeds `limit` (only small arrays go as JSON). */
export function rowsIfSmall(values: ArrayLike<number>, n: number, d: number, limit = 1000): number[][] | null {
  if (n * d > limit) return null;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from({ length: d }, (_, j) => values[i * d + j]));
  return rows;
}
