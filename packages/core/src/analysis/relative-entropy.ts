import type { DiagonalGaussian, PredictiveModel } from '../density/index.ts';
import { traceMonteCarlo, type MonteCarloEstimate, type MonteCarloOptions } from './trace-monte-carlo.ts';

/**
 * Relative entropy ("complexity", METHOD.md E, paper Eq. 4) of one class:
 * D_KL(p ‖ q) ≈ (1/T) Σ_t (1/m) Σ_s [log p_t(x_ts) − log q(x_ts)], x_ts ~ p_t,
 * with q = N(mean, diag variance) the class's reference Gaussian. Invariant
 * under per-coordinate affine maps of the data; 0 when p = q.
 * @param classIndex the class, in model order
 * @returns estimate in nats, its Monte-Carlo s.e., per-trace values [T]
 */
export function relativeEntropy(model: PredictiveModel, classIndex: number, options: MonteCarloOptions): Promise<MonteCarloEstimate> {
  const d = model.dim;
  const reference = model.classes[classIndex]?.reference;
  return traceMonteCarlo(
    model,
    classIndex,
    (x, logp, count) => {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = logp[i] - diagonalGaussianLogPdf(reference, x, i * d, d);
      return out;
    },
    options,
  );
}

/** log N(x; mean, diag variance) of the point at `offset` in `x`. */
export function diagonalGaussianLogPdf(q: DiagonalGaussian, x: Float64Array, offset: number, d: number): number {
  let total = 0;
  for (let j = 0; j < d; j++) {
    const z = x[offset + j] - q.mean[j];
    total += Math.log(2 * Math.PI * q.variance[j]) + (z * z) / q.variance[j];
  }
  return -0.5 * total;
}
