import { cholesky } from '../linalg/cholesky.ts';

/** The per-class NIW base measure θ0 = (m0, κ0, ν0, Ψ0) of METHOD.md B.2, with chol Ψ0 cached. */
export interface NiwPrior {
  readonly d: number;
  /** m0 [d]: the class sample mean. */
  readonly mean: Float64Array;
  readonly kappa0: number;
  /** ν0 = d + nu0Offset. */
  readonly nu0: number;
  /** chol Ψ0 [d, d]; always diagonal here (B.2 has no off-diagonal terms): sqrt(σ̂²_j / K0^(2/d)). */
  readonly cholPsi: Float64Array;
  /** σ̂²_j [d]: biased (1/n) per-dimension variance after the zero-variance floor. */
  readonly variance: Float64Array;
}

/**
 * Variance floor, relative to the largest per-dimension variance: a constant
 * coordinate (dead ReLU unit, padded SVD component) would make Ψ0 singular.
 * With every coordinate constant the floor is 1 (the scale is then arbitrary).
 */
export const VARIANCE_FLOOR_RELATIVE = 1e-12;

/**
 * Data-derived prior of one class (METHOD B.2): m0 = mean, Ψ0 = diag(σ̂²)/K0^(2/d).
 * @param points [n, d] row-major, finite
 * @param initialClusters K0
 */
export function niwPriorFromData(
  points: Float64Array,
  n: number,
  d: number,
  options: { initialClusters: number; kappa0: number; nu0Offset: number },
): NiwPrior {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += points[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const diff = points[i * d + j] - mean[j];
      variance[j] += diff * diff;
    }
  }
  let maxVariance = 0;
  for (let j = 0; j < d; j++) {
    variance[j] /= n;
    if (variance[j] > maxVariance) maxVariance = variance[j];
  }
  const floor = maxVariance > 0 ? maxVariance * VARIANCE_FLOOR_RELATIVE : 1;
  for (let j = 0; j < d; j++) if (!(variance[j] >= floor)) variance[j] = floor;
  const shrink = Math.pow(options.initialClusters, 2 / d);
  const psi = new Float64Array(d * d);
  for (let j = 0; j < d; j++) psi[j * d + j] = variance[j] / shrink;
  return {
    d,
    mean,
    kappa0: options.kappa0,
    nu0: d + options.nu0Offset,
    cholPsi: cholesky(psi, d),
    variance,
  };
}
