import type { NpyDtype } from './npy.ts';

/**
 * How a `.npy` header's dtype string maps onto the array classfit returns. numpy writes the byte order as
 * '<' (little), '>' (big), '=' (native: little on every host classfit runs on) or '|' (not applicable).
 */
export interface StoredDtype {
  /** The array's dtype after reading: float16 widens to float32 (exactly), big-endian becomes native order. */
  readonly dtype: NpyDtype;
  /** Bytes per element in the file. */
  readonly itemSize: number;
  readonly littleEndian: boolean;
  /** Elements are binary16 in the file. */
  readonly half: boolean;
}

const KINDS: Record<string, { dtype: NpyDtype; itemSize: number; half: boolean }> = {
  f2: { dtype: 'float32', itemSize: 2, half: true },
  f4: { dtype: 'float32', itemSize: 4, half: false },
  f8: { dtype: 'float64', itemSize: 8, half: false },
  i4: { dtype: 'int32', itemSize: 4, half: false },
  i8: { dtype: 'int64', itemSize: 8, half: false },
};

/** The dtype strings `readNpy` accepts, for error messages. */
export const ACCEPTED_DESCRS =
  "little-endian float32/float64/int32/int64 ('<f4', '<f8', '<i4', '<i8'), their big-endian forms ('>f4' …) or float16 ('<f2', '>f2')";

/**
 * Parses a header's `descr`.
 * @returns what it stores, or undefined for anything classfit does not read (bool, uint8, structured, object …)
 */
export function parseStoredDtype(descr: string): StoredDtype | undefined {
  const match = /^([<>=])([fi][248])$/.exec(descr);
  const kind = match && KINDS[match[2]];
  if (!match || !kind) return undefined;
  return { ...kind, littleEndian: match[1] !== '>' };
}

/** A short description of what reading changed, e.g. "float16 → float32, big-endian → little-endian", or '' if nothing. */
export function describeConversion(stored: StoredDtype, fortranOrder: boolean): string {
  const changes: string[] = [];
  if (stored.half) changes.push('float16 → float32');
  if (!stored.littleEndian && stored.itemSize > 1) changes.push('big-endian → little-endian');
  if (fortranOrder) changes.push('Fortran order → C order');
  return changes.join(', ');
}
