/** Thrown by {@link cholesky} when a pivot is not positive: `column` is where, `pivot` its value. */
export class NotPositiveDefiniteError extends Error {
  override readonly name = 'NotPositiveDefiniteError';
  constructor(readonly column: number, readonly pivot: number) {
    super(`matrix is not positive definite: pivot ${pivot} at column ${column}`);
  }
}

/**
 * Dense Cholesky factorisation A = L Lᵀ.
 * Matrices are row-major `Float64Array`s of length d·d; L is returned with
 * zeros above the diagonal.
 * @param a symmetric positive-definite [d, d]
 * @returns L lower-triangular [d, d], or throws `NotPositiveDefiniteError`
 */
export function cholesky(a: Float64Array, d: number, out: Float64Array = new Float64Array(d * d)): Float64Array {
  out.fill(0);
  for (let j = 0; j < d; j++) {
    const rowJ = j * d;
    let diag = a[rowJ + j];
    for (let k = 0; k < j; k++) diag -= out[rowJ + k] * out[rowJ + k];
    if (!(diag > 0)) throw new NotPositiveDefiniteError(j, diag);
    const ljj = Math.sqrt(diag);
    out[rowJ + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      const rowI = i * d;
      let sum = a[rowI + j];
      for (let k = 0; k < j; k++) sum -= out[rowI + k] * out[rowJ + k];
      out[rowI + j] = sum / ljj;
    }
  }
  return out;
}

/** Σ_j 2·ln L_jj = ln det(L Lᵀ). */
export function logDetFromCholesky(l: Float64Array, d: number, offset = 0): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += Math.log(l[offset + j * d + j]);
  return 2 * sum;
}
