import { cholesky } from '../linalg/cholesky.ts';
import type { NiwPrior } from './niw-prior.ts';

/**
 * Batch NIW posterior of one cluster (METHOD B.3), from its members:
 * m_k = (κ0 m0 + Σx)/κ_k, Ψ_k = Ψ0 + S_k + (κ0 n_k/κ_k)(x̄ − m0)(x̄ − m0)ᵀ.
 * Members are summed in the order given (two passes, for accuracy).
 * @param points [n, d] row-major
 * @param members point indices of the cluster [n_k] (may be empty: returns the prior)
 * @param outMean receives m_k [d] at `meanOffset`
 * @param outChol receives chol Ψ_k [d, d] at `cholOffset`
 * @param scratch [d·d] workspace for Ψ_k
 */
export function niwPosteriorBatch(
  prior: NiwPrior,
  points: Float64Array,
  members: ArrayLike<number>,
  memberCount: number,
  outMean: Float64Array,
  meanOffset: number,
  outChol: Float64Array,
  cholOffset: number,
  scratch: Float64Array = new Float64Array(prior.d * prior.d),
): void {
  const d = prior.d;
  const nk = memberCount;
  const kappa = prior.kappa0 + nk;
  const xbar = new Float64Array(d);
  for (let t = 0; t < nk; t++) {
    const row = members[t] * d;
    for (let j = 0; j < d; j++) xbar[j] += points[row + j];
  }
  if (nk > 0) for (let j = 0; j < d; j++) xbar[j] /= nk;
  const psi = scratch;
  psi.fill(0);
  for (let j = 0; j < d; j++) {
    const l = prior.cholPsi[j * d + j];
    psi[j * d + j] = l * l;
  }
  const diff = new Float64Array(d);
  for (let t = 0; t < nk; t++) {
    const row = members[t] * d;
    for (let j = 0; j < d; j++) diff[j] = points[row + j] - xbar[j];
    for (let a = 0; a < d; a++) {
      const da = diff[a];
      const base = a * d;
      for (let b = 0; b <= a; b++) psi[base + b] += da * diff[b];
    }
  }
  const shrink = nk > 0 ? (prior.kappa0 * nk) / kappa : 0;
  for (let j = 0; j < d; j++) diff[j] = xbar[j] - prior.mean[j];
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      const value = psi[a * d + b] + shrink * diff[a] * diff[b];
      psi[a * d + b] = value;
      psi[b * d + a] = value;
    }
  }
  for (let j = 0; j < d; j++) outMean[meanOffset + j] = (prior.kappa0 * prior.mean[j] + nk * xbar[j]) / kappa;
  const l = cholesky(psi, d);
  outChol.set(l, cholOffset);
}
