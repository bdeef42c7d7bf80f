import { NotPositiveDefiniteError } from './cholesky.ts';

/**
 * In-place rank-one Cholesky update/downdate, exactly the Givens-type loop of
 * METHOD.md B.5: L Lᵀ ← L Lᵀ + sign · multiplier · u uᵀ, in O(d²).
 *
 * @param l lower-triangular factor, row-major [d, d] starting at `offset`; overwritten
 * @param u the vector [d]; overwritten as scratch
 * @param multiplier ≥ 0; v = sqrt(multiplier) · u
 * @param sign +1 update, −1 downdate
 * Throws `NotPositiveDefiniteError` when a downdate would lose definiteness.
 */
export function choleskyRankOne(
  l: Float64Array,
  d: number,
  u: Float64Array,
  multiplier: number,
  sign: 1 | -1,
  offset = 0,
): void {
  const scale = Math.sqrt(multiplier);
  for (let i = 0; i < d; i++) u[i] *= scale;
  for (let k = 0; k < d; k++) {
    const kk = offset + k * d + k;
    const lkk = l[kk];
    const vk = u[k];
    const r2 = lkk * lkk + sign * vk * vk;
    if (!(r2 > 0)) throw new NotPositiveDefiniteError(k, r2);
    const r = Math.sqrt(r2);
    const cs = r / lkk;
    const sn = vk / lkk;
    l[kk] = r;
    const signedSn = sign * sn;
    for (let i = k + 1; i < d; i++) {
      const ik = offset + i * d + k;
      const lik = (l[ik] + signedSn * u[i]) / cs;
      l[ik] = lik;
      u[i] = cs * u[i] - sn * lik;
    }
  }
}
