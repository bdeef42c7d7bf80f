import { createRng } from '../../rng/index.ts';
import type { ClassData } from '../types.ts';

export interface RealShapedLayerSpec {
  readonly classes: number;
  readonly points: number;
  readonly dim: number;
  /** Mixture components per class (default: 11 at d ≥ 32, else 5). */
  readonly components?: number;
  /** Centre spread in units of the spectrum (default 0.45). */
  readonly separation?: number;
  /** Degrees of freedom of the per-point scale mixture (default 3 at d ≥ 32, else 10). */
  readonly tailDf?: number;
  /** Fraction of points placed between two components (default 0.3). */
  readonly between?: number;
  readonly seed?: number;
}

/**
 * Synthetic layers on which the sampler keeps as many clusters as it does on real
 * layers, and moves as many points between them (the cost of a sweep grows with both).
 * Measured on stage outputs of a ResNet-18 (width 8, Fashion-MNIST, 500 examples per
 * class, uncentred SVD): stage 4 (d = 64) keeps 11–25 clusters per class with 3–7
 * points changing cluster per sweep after burn-in, stage 2 (d = 16) 7–11; the issue
 * reports 11–17 on MNIST ResNets at d = 64 and about 5 at d = 16. With the defaults
 * these layers keep 12–24 clusters (mostly 13–20) with 2–5 moves per sweep at d = 64,
 * and 5–10 at d = 16 (`npm run bench` prints the counts per sweep).
 *
 * Per class: a mixture of `components` Gaussians with Gamma(3)-distributed weights;
 * each component has its own orientation (a rank-6 factor loading plus a small
 * isotropic part) on a decaying spectrum s_j = (j+1)^(−1/2), centres
 * `separation`·s_j·N(0,1) apart — close, but with distinct covariances, so the
 * sampler neither merges them (as it merges isotropic blobs: METHOD B.2's prior pulls
 * every cluster towards the class's diagonal variance) nor splits them much. A fraction
 * `between` of the points sits on the segment between two components (what keeps
 * points moving), and every point's deviation is scaled by √(ν/χ²_ν) (activation
 * magnitude varies from image to image: heavy tails, which make clusters open and
 * close). Coordinate 0 carries the large positive mean an uncentred SVD puts first.
 * Deterministic: one Rng stream per class.
 */
export function realShapedLayer({ classes, points, dim, components, separation = 0.45, tailDf, between = 0.3, seed = 2024 }: RealShapedLayerSpec): ClassData[] {
  const m = components ?? (dim >= 32 ? 11 : 5);
  const df = tailDf ?? (dim >= 32 ? 3 : 10);
  const rank = Math.min(6, dim);
  const spectrum = Float64Array.from({ length: dim }, (_, j) => Math.pow(j + 1, -0.5));
  return Array.from({ length: classes }, (_, c) => {
    const rng = createRng(seed, c);
    const centres = Array.from({ length: m }, () => Float64Array.from(spectrum, (s, j) => (j === 0 ? 20 : 0) + separation * s * rng.normal()));
    const loadings = Array.from({ length: m }, () => Array.from({ length: rank }, () => Float64Array.from(spectrum, (s) => 0.5 * s * rng.normal())));
    const weights = Array.from({ length: m }, () => rng.gamma(3, 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const factor = new Float64Array(rank);
    const data = new Float64Array(points * dim);
    for (let i = 0; i < points; i++) {
      let u = rng.uniform() * total;
      let k = 0;
      while (k < m - 1 && u >= weights[k]) u -= weights[k++];
      const k2 = rng.uniform() < between ? rng.integer(m) : k;
      const t = k2 === k ? 0 : rng.uniform();
      const scale = Math.sqrt(df / rng.chiSquare(df));
      for (let r = 0; r < rank; r++) factor[r] = rng.normal();
      for (let j = 0; j < dim; j++) {
        let deviation = 0.3 * spectrum[j] * rng.normal();
        for (let r = 0; r < rank; r++) deviation += ((1 - t) * loadings[k][r][j] + t * loadings[k2][r][j]) * factor[r];
        data[i * dim + j] = (1 - t) * centres[k][j] + t * centres[k2][j] + scale * deviation;
      }
    }
    return { label: c, name: `class ${c}`, points: data, n: points };
  });
}
