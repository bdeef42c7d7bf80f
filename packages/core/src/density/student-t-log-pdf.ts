import { logDetFromCholesky, mahalanobisLower } from '../linalg/index.ts';
import { lgamma } from '../special/index.ts';

const LOG_PI = Math.log(Math.PI);

/**
 * The x-independent part of the multivariate Student-t log-pdf (METHOD.md B.4):
 * lnΓ((ν+d)/2) − lnΓ(ν/2) − (d/2)·ln(νπ) − Σ_j ln L_jj.
 * @param scaleTril lower-triangular shape factor L, [d, d] row-major from `offset`
 * @param df degrees of freedom ν > 0
 */
export function studentTLogNormaliser(scaleTril: Float64Array, df: number, d: number, offset = 0): number {
  return logGammaRatio(df / 2, d / 2) - (d / 2) * (Math.log(df) + LOG_PI) - logDetFromCholesky(scaleTril, d, offset) / 2;
}

/**
 * lnΓ(a + h) − lnΓ(a). For large a the two lgamma values (≈ a ln a) cancel
 * catastrophically (ν = 1e12 would lose 1e-3 nats), so from a = 100 on use the
 * difference of Stirling series, written so nothing large cancels:
 * (a − ½)·log1p(h/a) + h·ln(a + h) − h + 1/(12(a+h)) − 1/(12a) − 1/(360(a+h)³) + 1/(360a³);
 * the next term, 1/(1260 z⁵), is below 1e-13 there.
 */
export function logGammaRatio(a: number, h: number): number {
  if (a < 100) return lgamma(a + h) - lgamma(a);
  const b = a + h;
  return (a - 0.5) * Math.log1p(h / a) + h * Math.log(b) - h + (1 / b - 1 / a) / 12 - (1 / (b * b * b) - 1 / (a * a * a)) / 360;
}

/**
 * Completes the log-pdf from the normaliser and the squared Mahalanobis
 * distance m = ‖L⁻¹(x − loc)‖²: logNorm − ((ν+d)/2)·ln(1 + m/ν). `log1p` keeps
 * ν → ∞ (Gaussian limit) and far tails (m ≫ ν) accurate.
 */
export function studentTLogPdfFromMahalanobis(mahalanobis: number, logNormaliser: number, df: number, d: number): number {
  return logNormaliser - ((df + d) / 2) * Math.log1p(mahalanobis / df);
}

/**
 * Log-density of one point under a multivariate Student-t with shape matrix
 * L Lᵀ (scipy `multivariate_t(loc, shape = L Lᵀ, df)` convention), in Float64.
 * @param x point [d]
 * @param loc location [d]
 * @param scaleTril L, lower-triangular [d, d] row-major, positive diagonal
 * @param df ν > 0
 * @param scratch optional work buffer [≥ 2d]
 */
export function studentTLogPdf(
  x: ArrayLike<number>,
  loc: ArrayLike<number>,
  scaleTril: Float64Array,
  df: number,
  d: number,
  scratch: Float64Array = new Float64Array(2 * d),
): number {
  const diff = scratch.subarray(0, d);
  for (let j = 0; j < d; j++) {
    diff[j] = x[j] - loc[j];
    if (!Number.isFinite(diff[j])) return Number.isNaN(diff[j]) ? NaN : -Infinity;
  }
  const maha = mahalanobisLower(scaleTril, d, diff, scratch.subarray(d, 2 * d));
  return studentTLogPdfFromMahalanobis(maha, studentTLogNormaliser(scaleTril, df, d), df, d);
}
