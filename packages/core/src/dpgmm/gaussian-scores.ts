import type { SampledGaussian } from './niw-stats.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The batched step of the sub-cluster sampler: out[i·K + k] = logWeights[k] + ln N(x_i | μ_k, Σ_k)
 * for every point i of `points` [n, d] and every component k. Each entry depends only on
 * (x_i, component k), so rows are independent (the loop order is the only sequential part).
 * Cost n·K·d²/2 multiply-adds: z = F(x − μ) (Σ⁻¹ = FᵀF, F lower), ln N = −(d/2) ln 2π + ½ ln|Σ⁻¹| − ½‖z‖².
 * @param out [n, K], overwritten
 */
export function gaussianLogDensityMatrix(
  points: Float64Array,
  n: number,
  d: number,
  components: readonly SampledGaussian[],
  logWeights: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const K = components.length;
  const y = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const { mean, precisionFactor: f, halfLogDetPrecision } = components[k];
    const base = logWeights[k] - d * HALF_LOG_TWO_PI + halfLogDetPrecision;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      for (let j = 0; j < d; j++) y[j] = points[row + j] - mean[j];
      let sq = 0;
      for (let j = 0; j < d; j++) {
        const r = j * d;
        let z = 0;
        for (let t = 0; t <= j; t++) z += f[r + t] * y[t];
        sq += z * z;
      }
      out[i * K + k] = base - 0.5 * sq;
    }
  }
  return out;
}

/** ln N(x | μ, Σ) of one point `x` [d] (the same arithmetic as one entry of the matrix). */
export function gaussianLogDensity(x: ArrayLike<number>, offset: number, d: number, g: SampledGaussian, scratch: Float64Array): number {
  const f = g.precisionFactor;
  for (let j = 0; j < d; j++) scratch[j] = x[offset + j] - g.mean[j];
  let sq = 0;
  for (let j = 0; j < d; j++) {
    const r = j * d;
    let z = 0;
    for (let t = 0; t <= j; t++) z += f[r + t] * scratch[t];
    sq += z * z;
  }
  return -d * HALF_LOG_TWO_PI + g.halfLogDetPrecision - 0.5 * sq;
}
