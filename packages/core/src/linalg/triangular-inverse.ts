import { InvalidArgumentError } from '../errors/index.ts';

/**
 * Inverse of a lower-triangular matrix by forward substitution, O(d³/6).
 * For scoring, where L⁻¹ of each component's Cholesky factor turns Mahalanobis distances
 * into one batched matmul (DESIGN.md §3); elsewhere prefer `solveLower`.
 * @param l lower-triangular [d, d] row-major starting at `offset`; entries above the diagonal are ignored
 * @param d the order
 * @returns L⁻¹, lower-triangular [d, d] row-major (zeros above the diagonal)
 * Throws `InvalidArgumentError('l', …)` for a zero or non-finite diagonal entry.
 */
export function invertLower(l: Float64Array, d: number, offset = 0): Float64Array {
  for (let i = 0; i < d; i++) {
    const diag = l[offset + i * d + i];
    if (diag === 0 || !Number.isFinite(diag)) {
      throw new InvalidArgumentError('l', `is singular: diagonal entry ${i} is ${diag}`);
    }
  }
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    // Row i of L⁻¹ from L⁻¹ L = I: inv[i][j] = −(Σ_{j≤k<i} l[i][k] · inv[k][j]) / l[i][i] for j < i,
    // accumulated row-wise so every inner loop is contiguous.
    const out = i * d;
    const row = offset + i * d;
    for (let k = 0; k < i; k++) {
      const coefficient = l[row + k];
      if (coefficient === 0) continue;
      const from = k * d;
      for (let j = 0; j <= k; j++) inv[out + j] -= coefficient * inv[from + j];
    }
    const pivot = l[row + i];
    for (let j = 0; j < i; j++) inv[out + j] /= pivot;
    inv[out + i] = 1 / pivot;
  }
  return inv;
}
