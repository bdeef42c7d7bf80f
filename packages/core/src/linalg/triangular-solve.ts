/**
 * Forward substitution: solves L y = b for lower-triangular L.
 * @param l row-major [d, d] starting at `offset`
 * @param b right-hand side [d]
 * @param out solution [d] (may alias `b`)
 */
export function solveLower(
  l: Float64Array,
  d: number,
  b: ArrayLike<number>,
  out: Float64Array = new Float64Array(d),
  offset = 0,
): Float64Array {
  for (let i = 0; i < d; i++) {
    const row = offset + i * d;
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[row + k] * out[k];
    out[i] = sum / l[row + i];
  }
  return out;
}

/** Squared norm of L⁻¹ b, the Mahalanobis form bᵀ (L Lᵀ)⁻¹ b, without allocating. */
export function mahalanobisLower(l: Float64Array, d: number, b: ArrayLike<number>, scratch: Float64Array, offset = 0): number {
  const y = solveLower(l, d, b, scratch, offset);
  let total = 0;
  for (let i = 0; i < d; i++) total += y[i] * y[i];
  return total;
}

/** Back substitution: solves Lᵀ x = b for lower-triangular L. */
export function solveLowerTransposed(
  l: Float64Array,
  d: number,
  b: ArrayLike<number>,
  out: Float64Array = new Float64Array(d),
  offset = 0,
): Float64Array {
  for (let i = d - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < d; k++) sum -= l[offset + k * d + i] * out[k];
    out[i] = sum / l[offset + i * d + i];
  }
  return out;
}
