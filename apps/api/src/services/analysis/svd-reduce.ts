/**
 * SVD reduction of one layer (METHOD.md A.4): the top-k right singular vectors
 * of the raw activations (no centring) and the projected points z = V x. The
 * Gram matrix is accumulated in float64 typed arrays so a result does not depend
 * on which TensorFlow.js backend happens to be active.
 */
import { project, truncatedSvdViaGram } from '@classfit/core/linalg';

export interface SvdReduction {
  /** Projected points [n, k]. */
  readonly z: Float64Array;
  /** V, [k, D] row-major. */
  readonly components: Float64Array;
  /** All singular values, descending. */
  readonly singularValues: Float64Array;
  /** Cumulative uncentred variance captured by the k kept components. */
  readonly varianceCaptured: number;
}

export async function svdReduce(x: Float32Array | Float64Array, n: number, dim: number, k: number): Promise<SvdReduction> {
  const svd = await truncatedSvdViaGram(x, n, dim, k, { gram: 'typed' });
  return { z: project(x, n, dim, svd.components, k), components: svd.components, singularValues: svd.singularValues, varianceCaptured: svd.varianceFraction[k - 1] };
}
