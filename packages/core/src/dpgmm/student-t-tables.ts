import { lgamma } from '../special/index.ts';
import type { NiwPrior } from './niw-prior.ts';

/**
 * Per-count constants of the cluster posterior predictive (METHOD B.4), so the
 * inner loop needs only a triangular solve and one log:
 *   log St(x | k) = constant[n] − Σ_j ln L_jj − exponent[n] · ln(1 + shrink[n] · ‖L⁻¹(x − m_k)‖²)
 * with ν̃ = ν0 − d + 1 + n (= n + 3 by default), κ = κ0 + n, shape (κ+1)/(κν̃)·Ψ_k, and
 *   constant[n] = lnΓ((ν̃+d)/2) − lnΓ(ν̃/2) − (d/2) ln(ν̃π) − (d/2) ln((κ+1)/(κν̃)),
 *   exponent[n] = (ν̃+d)/2, shrink[n] = κ/(κ+1) (since q/ν̃ = κ/(κ+1)·‖L⁻¹(x−m)‖²).
 * Index 0 is the prior predictive St(m0, (κ0+1)/(κ0·3)·Ψ0, 3).
 */
export interface StudentTTables {
  /** [nMax + 1] */
  readonly constant: Float64Array;
  readonly exponent: Float64Array;
  readonly shrink: Float64Array;
  /** ln n (−∞ at 0): the CRP weight of an existing cluster of n points. */
  readonly logCount: Float64Array;
}

/** Builds the tables for cluster sizes 0..nMax. */
export function studentTTables(prior: NiwPrior, nMax: number): StudentTTables {
  const d = prior.d;
  const size = nMax + 1;
  const constant = new Float64Array(size);
  const exponent = new Float64Array(size);
  const shrink = new Float64Array(size);
  const logCount = new Float64Array(size);
  const df0 = prior.nu0 - d + 1;
  for (let n = 0; n < size; n++) {
    const df = df0 + n;
    const kappa = prior.kappa0 + n;
    constant[n] =
      lgamma((df + d) / 2) - lgamma(df / 2) - (d / 2) * Math.log(df * Math.PI) - (d / 2) * Math.log((kappa + 1) / (kappa * df));
    exponent[n] = (df + d) / 2;
    shrink[n] = kappa / (kappa + 1);
    logCount[n] = Math.log(n);
  }
  return { constant, exponent, shrink, logCount };
}
