import { cholesky, logDetFromCholesky } from '../linalg/cholesky.ts';
import type { Rng } from '../rng/index.ts';
import { lgamma } from '../special/index.ts';
import type { NiwPrior } from './niw-prior.ts';

/**
 * Sufficient statistics of a set of points in centred form: count, mean x̄ and
 * scatter S = Σ (x − x̄)(x − x̄)ᵀ (full symmetric [d, d]). Centred statistics combine
 * exactly (`combineStats`), which is what lets the sub-cluster sampler build a
 * cluster from its two halves and score a merge without touching the points.
 */
export interface NiwStats {
  readonly n: number;
  readonly mean: Float64Array;
  readonly scatter: Float64Array;
}

/** The NIW posterior (METHOD B.3) of a set with the given statistics. */
export interface NiwPosteriorParams {
  readonly n: number;
  readonly kappa: number;
  readonly nu: number;
  /** m [d] */
  readonly mean: Float64Array;
  /** chol Ψ [d, d] */
  readonly chol: Float64Array;
  /** Σ_j ln L_jj = ½ ln|Ψ| */
  readonly halfLogDet: number;
}

/** A Gaussian N(μ, Σ) held as μ and the lower Cholesky factor L of its covariance, Σ = L Lᵀ. */
export interface SampledGaussian {
  readonly mean: Float64Array;
  /** L row-major [d, d] (lower triangular, positive diagonal): (x−μ)ᵀΣ⁻¹(x−μ) = ‖L⁻¹(x−μ)‖². */
  readonly chol: Float64Array;
  /** ½ ln|Σ| = Σ_j ln L_jj */
  readonly halfLogDet: number;
}

/** Two-pass statistics of `members[0..count)` of `points` [n, d]. */
export function statsOf(points: Float64Array, d: number, members: ArrayLike<number>, count: number): NiwStats {
  const mean = new Float64Array(d);
  const scatter = new Float64Array(d * d);
  for (let t = 0; t < count; t++) {
    const row = members[t] * d;
    for (let j = 0; j < d; j++) mean[j] += points[row + j];
  }
  if (count > 0) for (let j = 0; j < d; j++) mean[j] /= count;
  const diff = new Float64Array(d);
  for (let t = 0; t < count; t++) {
    const row = members[t] * d;
    for (let j = 0; j < d; j++) diff[j] = points[row + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const da = diff[a];
      const base = a * d;
      for (let b = 0; b <= a; b++) scatter[base + b] += da * diff[b];
    }
  }
  symmetrise(scatter, d);
  return { n: count, mean, scatter };
}

/** Statistics of the union of two disjoint sets: S = S_a + S_b + (n_a n_b / n)(x̄_a − x̄_b)(x̄_a − x̄_b)ᵀ. */
export function combineStats(a: NiwStats, b: NiwStats): NiwStats {
  const d = a.mean.length;
  const n = a.n + b.n;
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const mean = new Float64Array(d);
  const delta = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    mean[j] = (a.n * a.mean[j] + b.n * b.mean[j]) / n;
    delta[j] = a.mean[j] - b.mean[j];
  }
  const w = (a.n * b.n) / n;
  const scatter = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) scatter[i * d + j] = a.scatter[i * d + j] + b.scatter[i * d + j] + w * delta[i] * delta[j];
  return { n, mean, scatter };
}

/** NIW posterior from statistics: m = (κ0 m0 + n x̄)/κ, Ψ = Ψ0 + S + (κ0 n/κ)(x̄ − m0)(x̄ − m0)ᵀ. */
export function niwPosteriorFromStats(prior: NiwPrior, stats: NiwStats): NiwPosteriorParams {
  const d = prior.d;
  const { n } = stats;
  const kappa = prior.kappa0 + n;
  const psi = new Float64Array(d * d);
  const delta = new Float64Array(d);
  for (let j = 0; j < d; j++) delta[j] = n > 0 ? stats.mean[j] - prior.mean[j] : 0;
  const shrink = (prior.kappa0 * n) / kappa;
  const psi0 = priorScale(prior);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) psi[i * d + j] = psi0[i * d + j] + stats.scatter[i * d + j] + shrink * delta[i] * delta[j];
  }
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) mean[j] = (prior.kappa0 * prior.mean[j] + (n > 0 ? n * stats.mean[j] : 0)) / kappa;
  const chol = cholesky(psi, d);
  return { n, kappa, nu: prior.nu0 + n, mean, chol, halfLogDet: logDetFromCholesky(chol, d) / 2 };
}

const priorScales = new WeakMap<NiwPrior, Float64Array>();

/** Ψ0 = L0 L0ᵀ, computed once per prior. */
function priorScale(prior: NiwPrior): Float64Array {
  let psi0 = priorScales.get(prior);
  if (psi0 === undefined) {
    const d = prior.d;
    psi0 = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let t = 0; t <= Math.min(i, j); t++) sum += prior.cholPsi[i * d + t] * prior.cholPsi[j * d + t];
        psi0[i * d + j] = sum;
      }
    }
    priorScales.set(prior, psi0);
  }
  return psi0;
}

/** lnΓ_d(a) */
function lmvgamma(d: number, a: number): number {
  let value = ((d * (d - 1)) / 4) * Math.log(Math.PI);
  for (let j = 1; j <= d; j++) value += lgamma(a + (1 - j) / 2);
  return value;
}

/**
 * Closed-form NIW marginal likelihood ln p(X) of the set behind `post` (the same
 * expression as `CollapsedLogLikelihood`):
 * −(n d/2) ln π + lnΓ_d(ν/2) − lnΓ_d(ν0/2) + (ν0/2) ln|Ψ0| − (ν/2) ln|Ψ| + (d/2)(ln κ0 − ln κ).
 */
export function logMarginalLikelihood(prior: NiwPrior, post: NiwPosteriorParams, priorHalfLogDet: number): number {
  const d = prior.d;
  if (post.n === 0) return 0;
  return (
    -((post.n * d) / 2) * Math.log(Math.PI) +
    lmvgamma(d, post.nu / 2) -
    lmvgamma(d, prior.nu0 / 2) +
    prior.nu0 * priorHalfLogDet -
    post.nu * post.halfLogDet +
    (d / 2) * (Math.log(prior.kappa0) - Math.log(post.kappa))
  );
}

/**
 * Draws (μ, Σ) from NIW(m, κ, ν, Ψ). Σ⁻¹ ~ Wishart(ν, Ψ⁻¹) by Bartlett's decomposition with an upper
 * factor: with Ψ = L_Ψ L_Ψᵀ, Σ⁻¹ = L_Ψ⁻ᵀ B Bᵀ L_Ψ⁻¹ for B upper triangular, B_jj² ~ χ²(ν − (d − 1 − j)) and
 * N(0, 1) above the diagonal (B = J A J for the usual lower Bartlett A and the reversal J, so
 * B Bᵀ ~ Wishart(ν, I)). Hence Σ = L Lᵀ with L = L_Ψ B⁻ᵀ, lower triangular with positive diagonal:
 * the Cholesky factor of the draw, found by one triangular solve L Bᵀ = L_Ψ (d³/6 multiply-adds; no
 * inverse and no Cholesky of the draw). μ = m + L ε/√κ ~ N(m, Σ/κ).
 * Draw order: B row by row (diagonal, then the row's normals to its right), then ε.
 */
export function sampleNiw(rng: Rng, post: NiwPosteriorParams): SampledGaussian {
  const d = post.mean.length;
  const b = new Float64Array(d * d);
  let halfLogDet = post.halfLogDet;
  for (let i = 0; i < d; i++) {
    b[i * d + i] = Math.sqrt(rng.chiSquare(post.nu - (d - 1 - i)));
    halfLogDet -= Math.log(b[i * d + i]);
    rng.fillNormal(b, i * d + i + 1, (i + 1) * d);
  }
  // Row r of L solves x Bᵀ = (row r of L_Ψ): x_j = (ℓ_j − Σ_{j<i≤r} x_i B_ji) / B_jj, j = r … 0.
  const chol = new Float64Array(d * d);
  const psi = post.chol;
  for (let r = 0; r < d; r++) {
    const row = r * d;
    for (let j = r; j >= 0; j--) {
      let s = psi[row + j];
      const bj = j * d;
      for (let i = j + 1; i <= r; i++) s -= chol[row + i] * b[bj + i];
      chol[row + j] = s / b[bj + j];
    }
  }
  const scale = 1 / Math.sqrt(post.kappa);
  const eps = new Float64Array(d);
  rng.fillNormal(eps);
  for (let j = 0; j < d; j++) eps[j] *= scale;
  const mean = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = post.mean[i];
    for (let j = 0; j <= i; j++) s += chol[i * d + j] * eps[j];
    mean[i] = s;
  }
  return { mean, chol, halfLogDet };
}

function symmetrise(m: Float64Array, d: number): void {
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) m[b * d + a] = m[a * d + b];
}
