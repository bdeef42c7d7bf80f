/**
 * Modes of a one-dimensional Gaussian kernel density estimate, and Silverman's critical bandwidth: the smallest
 * bandwidth at which the estimate has at most k modes. For the Gaussian kernel the number of modes can only fall
 * as the bandwidth grows (Silverman 1981), so the critical bandwidth is found by bisection.
 */

/** Evaluation points of the estimate's derivative; modes closer than range/GRID apart count as one. */
const GRID = 512;

/**
 * Number of local maxima of f_h(x) = (1/n) Σ φ((x − xᵢ)/h)/h, found as + → − sign changes of f′ on a grid
 * over [min − 3h, max + 3h] (outside it f′ has one sign).
 * @param values [n] finite numbers
 * @param h bandwidth > 0
 */
export function kdeModeCount(values: ArrayLike<number>, h: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!(hi > lo)) return 1;
  const start = lo - 3 * h;
  const step = (hi - lo + 6 * h) / (GRID - 1);
  const inverse = 1 / h;
  let modes = 0;
  let previous = 0; // sign of f′ at the previous grid point (0: not yet known)
  for (let g = 0; g < GRID; g++) {
    const x = start + g * step;
    let slope = 0; // ∝ f′(x) = −Σ (x − xᵢ)/h² · φ((x − xᵢ)/h)/h
    for (let i = 0; i < values.length; i++) {
      const u = (x - values[i]) * inverse;
      if (u < 8 && u > -8) slope -= u * Math.exp(-0.5 * u * u); // beyond 8h a point adds < e⁻³² of a near one
    }
    const sign = slope > 0 ? 1 : slope < 0 ? -1 : 0;
    if (sign === 0) continue;
    if (previous > 0 && sign < 0) modes++;
    previous = sign;
  }
  return Math.max(1, modes);
}

/**
 * Silverman's critical bandwidth h_k: the smallest h with at most `k` modes (relative precision `tolerance`).
 * @param values [n] finite numbers, not all equal
 * @param k number of modes allowed (default 1)
 */
export function criticalBandwidth(values: ArrayLike<number>, k = 1, tolerance = 1e-4): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  // Equal-variance Gaussians whose means lie within 2h of each other have one mode, so h = range is (checked) enough.
  let upper = hi - lo;
  while (kdeModeCount(values, upper) > k) upper *= 2;
  let lower = 0;
  while (upper - lower > tolerance * upper) {
    const mid = 0.5 * (lower + upper);
    if (kdeModeCount(values, mid) <= k) upper = mid;
    else lower = mid;
  }
  return upper;
}
