import { InvalidArgumentError } from '../errors/index.ts';
import { similarityStatistics, type SimilarityStatistics } from './similarity-accumulator.ts';

/** Linear CKA between every pair of m representations. */
export interface LinearCkaMatrix {
  /** [m, m] row-major, symmetric, diagonal exactly 1; NaN where a representation's HSIC is ≤ 0 (constant or too few examples). */
  readonly cka: Float64Array;
  /** [m, m] the unbiased HSIC estimates themselves (diagonal: HSIC(K, K)). */
  readonly hsic: Float64Array;
  readonly m: number;
}

/**
 * Debiased linear CKA (Kornblith et al. 2019 with the unbiased HSIC estimator of Song et al. 2012,
 * as in Nguyen, Raghu & Kornblith 2021) between every pair of representations, from streamed
 * statistics — the full-sample estimator over all n examples (not their average of per-minibatch
 * HSICs), yet with no n × n kernel:
 *   HSIC₁(K, L) = [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1 / ((n−1)(n−2)) − 2/(n−2)·1ᵀK̃L̃1] / (n(n−3)),
 * K = XXᵀ, L = YYᵀ with zero diagonals K̃, L̃; with a_i = ‖x_i‖², b_i = ‖y_i‖², s = Σ x_i, t = Σ y_i:
 *   tr(K̃L̃) = ‖XᵀY‖²_F − Σ a_i b_i,  1ᵀK̃1 = ‖s‖² − Σ a_i,
 *   1ᵀK̃L̃1 = sᵀ(XᵀY)t − s·Σ b_i x_i − t·Σ a_i y_i + Σ a_i b_i;
 * CKA = HSIC₁(K, L) / √(HSIC₁(K, K)·HSIC₁(L, L)). Invariant to orthogonal transforms, isotropic
 * scaling and translation of either representation; not bounded to [0, 1] (debiased: near 0 for
 * independent representations, slightly negative possible).
 * @param statistics from `createSimilarityAccumulator` / `similarityStatistics`, n ≥ 4
 */
export function linearCkaMatrix(statistics: SimilarityStatistics): LinearCkaMatrix {
  const { n, dims } = statistics;
  if (n < 4) throw new InvalidArgumentError('statistics', `the unbiased HSIC estimator needs n ≥ 4 examples, got ${n}`);
  const m = dims.length;
  const hsic = new Float64Array(m * m);
  for (let l = 0; l < m; l++) for (let k = l; k < m; k++) hsic[l * m + k] = hsic[k * m + l] = unbiasedHsic(statistics, l, k);
  const cka = new Float64Array(m * m);
  for (let l = 0; l < m; l++) {
    for (let k = 0; k < m; k++) {
      const scale = hsic[l * m + l] * hsic[k * m + k];
      cka[l * m + k] = !(scale > 0) ? NaN : l === k ? 1 : hsic[l * m + k] / Math.sqrt(scale);
    }
  }
  return Object.freeze({ cka, hsic, m });
}

/**
 * Debiased linear CKA between two representations of the same n examples (see `linearCkaMatrix`),
 * accumulated in row batches.
 * @param x [n, p] row-major
 * @param y [n, q] row-major
 */
export function linearCka(x: Float32Array | Float64Array, y: Float32Array | Float64Array, n: number, p: number, q: number): number {
  return linearCkaMatrix(similarityStatistics([{ values: x, dim: p }, { values: y, dim: q }], n)).cka[1];
}

function unbiasedHsic(s: SimilarityStatistics, l: number, k: number): number {
  const { n, offsets, gram, sum, normSum, normProducts, normWeightedSum } = s;
  const m = s.dims.length;
  const width = offsets[m];
  const [rowStart, rowEnd, colStart, colEnd] = [offsets[l], offsets[l + 1], offsets[k], offsets[k + 1]];
  let crossSquares = 0; // ‖XᵀY‖²_F
  let bilinear = 0; // sᵀ (XᵀY) t
  for (let r = rowStart; r < rowEnd; r++) {
    let rowDot = 0;
    for (let c = colStart; c < colEnd; c++) {
      const g = gram[r * width + c];
      crossSquares += g * g;
      rowDot += g * sum[c];
    }
    bilinear += sum[r] * rowDot;
  }
  const kernelSum = (j: number) => {
    let squares = 0;
    for (let c = offsets[j]; c < offsets[j + 1]; c++) squares += sum[c] * sum[c];
    return squares - normSum[j];
  };
  let yWeightedByX = 0; // t · Σ a_i y_i
  for (let c = colStart; c < colEnd; c++) yWeightedByX += sum[c] * normWeightedSum[l * width + c];
  let xWeightedByY = 0; // s · Σ b_i x_i
  for (let r = rowStart; r < rowEnd; r++) xWeightedByY += sum[r] * normWeightedSum[k * width + r];
  const normProduct = normProducts[l * m + k];
  const traceTerm = crossSquares - normProduct;
  const sumTerm = (kernelSum(l) * kernelSum(k)) / ((n - 1) * (n - 2));
  const rowSumTerm = bilinear - xWeightedByY - yWeightedByX + normProduct;
  return (traceTerm + sumTerm - (2 / (n - 2)) * rowSumTerm) / (n * (n - 3));
}
