import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One SPD case of linalg.reference.json (packages/core/fixtures/numerics/make_linalg_fixtures.py). */
export interface CholeskyCase {
  d: number;
  /** [d, d] SPD input */
  a: number[];
  /** numpy.linalg.cholesky(a), packed lower triangle row by row */
  l: number[];
  u: number[];
  /** scaled so that multiplier·uᵀA⁻¹u = 0.8 (downdate stays definite) */
  uDown: number[];
  /** scaled so that multiplier·uᵀA⁻¹u = 1.2 (downdate must fail) */
  uFail: number[];
  multiplier: number;
  /** chol(A + m·uuᵀ), packed */
  updated: number[];
  /** chol(A − m·uDown·uDownᵀ), packed */
  downdated: number[];
  b: number[];
  solveLower: number[];
  solveLowerTransposed: number[];
  mahalanobis: number;
  logDet: number;
  /** inv(L), packed */
  inverseL: number[];
  conditionL: number;
}

export interface EigenCase {
  name: string;
  d: number;
  a: number[];
  /** descending */
  values: number[];
  /** [d, d], row i = eigenvector of values[i] (numpy's sign) */
  vectors: number[];
}

export interface SvdCase {
  name: string;
  n: number;
  dim: number;
  k: number;
  x: number[];
  singularValues: number[];
  /** [min(n, D), D], rows = right singular vectors (numpy's sign) */
  vt: number[];
  varianceFraction: number[];
  /** first 10 rows of X V_kᵀ, [10, k] */
  projectionHead: number[];
}

/** The numpy reference values for the linalg tests. */
export const linalgReference: { cholesky: CholeskyCase[]; eigen: EigenCase[]; svd: SvdCase[] } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../linalg/linalg.reference.json'), 'utf8'),
);

/** Packed lower triangle → row-major [d, d] with zeros above the diagonal. */
export function unpackLower(packed: ArrayLike<number>, d: number): Float64Array {
  const out = new Float64Array(d * d);
  let p = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) out[i * d + j] = packed[p++];
  return out;
}
