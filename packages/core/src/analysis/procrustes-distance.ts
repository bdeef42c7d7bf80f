import { InvalidArgumentError } from '../errors/index.ts';
import { symmetricEigen } from '../linalg/index.ts';
import { similarityStatistics, type SimilarityStatistics } from './similarity-accumulator.ts';

/**
 * Orthogonal Procrustes distance between every pair of representations (Ding, Denain & Steinhardt
 * 2021; Williams et al. 2021): with each representation centred and scaled to unit Frobenius norm,
 *   d²(X, Y) = min_Q ‖X̂ − ŶQ‖²_F = 2 − 2‖X̂ᵀŶ‖_*   (Q orthogonal, the narrower one zero-padded),
 * in [0, 2]; 0 exactly when Y is a rotation/reflection, isotropic scaling and translation of X.
 * The nuclear norm is Σ √λ over the eigenvalues λ of CᵀC (C the centred cross-covariance,
 * narrower side), so its absolute error is about min(p, q)·√ε ≈ min(p, q)·1.5e-8 — ample for a
 * similarity shown to three decimals.
 * @param statistics from `createSimilarityAccumulator` / `similarityStatistics`, n ≥ 2
 * @param include which pairs (l < k) to compute (default all); the others are NaN — each costs an
 *   eigen-decomposition of the narrower side, so a caller that needs only some pairs says which
 * @returns [m, m] row-major, symmetric, zero diagonal; NaN where a representation is constant or a pair is left out
 */
export function procrustesDistanceMatrix(statistics: SimilarityStatistics, include: (l: number, k: number) => boolean = () => true): Float64Array {
  const { n, dims, offsets, gram, sum } = statistics;
  if (n < 2) throw new InvalidArgumentError('statistics', `needs n ≥ 2 examples, got ${n}`);
  const m = dims.length;
  const width = offsets[m];
  const centred = (r: number, c: number) => gram[r * width + c] - (sum[r] * sum[c]) / n;
  const variance = dims.map((_, l) => {
    let trace = 0;
    for (let c = offsets[l]; c < offsets[l + 1]; c++) trace += centred(c, c);
    return trace;
  });
  const out = new Float64Array(m * m);
  for (let l = 0; l < m; l++) {
    for (let k = l; k < m; k++) {
      const scale = Math.sqrt(variance[l] * variance[k]);
      let distance = NaN;
      if (scale > 0 && l === k) distance = 0;
      else if (scale > 0 && include(l, k)) distance = Math.max(0, 2 - (2 * crossNuclearNorm(centred, offsets, l, k)) / scale);
      out[l * m + k] = out[k * m + l] = distance;
    }
  }
  return out;
}

/**
 * Orthogonal Procrustes distance 2 − 2‖X̂ᵀŶ‖_* between two representations of the same n examples
 * (see `procrustesDistanceMatrix`), accumulated in row batches.
 * @param x [n, p] row-major
 * @param y [n, q] row-major
 */
export function procrustesDistance(x: Float32Array | Float64Array, y: Float32Array | Float64Array, n: number, p: number, q: number): number {
  return procrustesDistanceMatrix(similarityStatistics([{ values: x, dim: p }, { values: y, dim: q }], n))[1];
}

/** ‖C‖_* for the centred cross-covariance block C = (rows of l) × (columns of k), via eig(CᵀC) on the narrower side. */
function crossNuclearNorm(centred: (r: number, c: number) => number, offsets: readonly number[], l: number, k: number): number {
  let [outer, inner] = [l, k];
  if (offsets[k + 1] - offsets[k] > offsets[l + 1] - offsets[l]) [outer, inner] = [k, l];
  const p = offsets[outer + 1] - offsets[outer];
  const q = offsets[inner + 1] - offsets[inner];
  const c = new Float64Array(p * q);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) c[i * q + j] = centred(offsets[outer] + i, offsets[inner] + j);
  const ctc = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = a; b < q; b++) {
      let dot = 0;
      for (let i = 0; i < p; i++) dot += c[i * q + a] * c[i * q + b];
      ctc[a * q + b] = ctc[b * q + a] = dot;
    }
  }
  let nuclear = 0;
  for (const lambda of symmetricEigen(ctc, q).values) nuclear += Math.sqrt(Math.max(0, lambda));
  return nuclear;
}
