import { logDetFromCholesky } from '../linalg/cholesky.ts';
import { lgamma } from '../special/index.ts';
import type { ClusterPool } from './cluster-pool.ts';

/**
 * Collapsed joint log-likelihood log p(x, c | α) of a chain's current state — the
 * diagnostic recorded after every sweep (not part of the method):
 *   Σ_k log p(X_k) under the NIW prior (closed-form marginal likelihood)
 *   + log CRP(c | α) = K ln α + Σ_k lnΓ(n_k) + lnΓ(α) − lnΓ(α + n),
 * with log p(X_k) = −(n_k d/2) ln π + lnΓ_d(ν_k/2) − lnΓ_d(ν0/2) + (ν0/2) ln|Ψ0|
 *   − (ν_k/2) ln|Ψ_k| + (d/2)(ln κ0 − ln κ_k).
 * lnΓ_d terms are cached by cluster size.
 */
export class CollapsedLogLikelihood {
  private readonly mvLgamma: Float64Array;
  private readonly priorHalfLogDet: number;

  constructor(private readonly pool: ClusterPool) {
    this.mvLgamma = new Float64Array(pool.n + 1).fill(NaN);
    const { d, cholPsi } = pool.prior;
    this.priorHalfLogDet = logDetFromCholesky(cholPsi, d) / 2;
  }

  /** log p(x, c | α) for the pool's current clusters. */
  evaluate(alpha: number): number {
    const { pool } = this;
    const { d, nu0, kappa0 } = pool.prior;
    const mv0 = this.lmvgamma(0);
    let total = pool.size * Math.log(alpha) + lgamma(alpha) - lgamma(alpha + pool.n);
    for (let p = 0; p < pool.size; p++) {
      const slot = pool.order[p];
      const nk = pool.counts[slot];
      const kappa = kappa0 + nk;
      total +=
        -((nk * d) / 2) * Math.log(Math.PI) +
        this.lmvgamma(nk) -
        mv0 +
        nu0 * this.priorHalfLogDet -
        (nu0 + nk) * pool.halfLogDet[slot] +
        (d / 2) * (Math.log(kappa0) - Math.log(kappa)) +
        lgamma(nk);
    }
    return total;
  }

  /** lnΓ_d((ν0 + n)/2). */
  private lmvgamma(nk: number): number {
    const cached = this.mvLgamma[nk];
    if (!Number.isNaN(cached)) return cached;
    const { d, nu0 } = this.pool.prior;
    const a = (nu0 + nk) / 2;
    let value = ((d * (d - 1)) / 4) * Math.log(Math.PI);
    for (let j = 1; j <= d; j++) value += lgamma(a + (1 - j) / 2);
    this.mvLgamma[nk] = value;
    return value;
  }
}
