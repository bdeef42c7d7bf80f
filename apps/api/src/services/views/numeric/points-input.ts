/**
 * `PointsInput` → a checked `[n, d]` float array for the fitted-density queries: exactly one of `array` or `rows`,
 * size limits, finite values, and the width of the space the caller stated (never a guess from the width).
 */
import { BadUserInputError } from '../../errors.ts';
import { fromNumericArrayInput, type NumericArrayInputValue } from './numeric-array.ts';

/** Limits of the fitted-density queries (DESIGN.md §5). */
export const POINT_LIMITS = {
  /** Points per `logDensity`/`classify` request given as a base64 array. */
  maxPoints: 10_000,
  /** Points per request given as JSON rows. */
  maxRows: 1_000,
  /** Samples per `sampleClass` request. */
  maxSamples: 1_000,
} as const;

/** The GraphQL `PointsInput`. */
export interface PointsInputValue {
  readonly array?: NumericArrayInputValue | null;
  readonly rows?: readonly (readonly number[])[] | null;
}

/** Checked points. */
export interface Points {
  /** [n, d] row-major. */
  readonly values: Float32Array;
  readonly n: number;
  readonly d: number;
}

/**
 * Decodes and checks `points`, which must have `width` columns.
 * @param spaceName the space they were stated to be in, for errors (e.g. "reduced space (16 dimensions)")
 * @param field the argument's name in errors, default `points`
 */
export function readPoints(points: PointsInputValue, width: number, spaceName: string, field = 'points'): Points {
  const hasArray = points.array != null;
  const hasRows = points.rows != null;
  if (hasArray === hasRows) throw new BadUserInputError(field, 'give exactly one of `array` or `rows`');
  let parsed: Points;
  if (hasArray) {
    const { values, shape } = fromNumericArrayInput(points.array!, `${field}.array`, 2);
    if (shape[0] > POINT_LIMITS.maxPoints) {
      throw new BadUserInputError(`${field}.array.shape`, `at most ${POINT_LIMITS.maxPoints} points per request, got ${shape[0]}`);
    }
    parsed = { values, n: shape[0], d: shape[1] };
  } else {
    const rows = points.rows!;
    if (rows.length > POINT_LIMITS.maxRows) {
      throw new BadUserInputError(`${field}.rows`, `at most ${POINT_LIMITS.maxRows} rows as JSON (use \`array\` for up to ${POINT_LIMITS.maxPoints}), got ${rows.length}`);
    }
    const d = rows[0]?.length ?? 0;
    const values = new Float32Array(rows.length * d);
    rows.forEach((row, i) => {
      if (row.length !== d) throw new BadUserInputError(`${field}.rows`, `row ${i} has ${row.length} values, row 0 has ${d}`);
      values.set(row, i * d);
    });
    parsed = { values, n: rows.length, d };
  }
  if (parsed.n === 0) throw new BadUserInputError(field, 'must hold at least one point');
  if (parsed.d !== width) {
    throw new BadUserInputError(field, `points in the ${spaceName} must have ${width} columns, got ${parsed.d}`);
  }
  const bad = parsed.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    const row = Math.floor(bad / parsed.d);
    throw new BadUserInputError(field, `must be finite numbers; row ${row} column ${bad % parsed.d} is ${parsed.values[bad]}`);
  }
  return parsed;
}
