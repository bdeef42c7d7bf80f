/**
 * Synthetic layers shaped like the paper's inputs to the sampler: global-average-
 * pooled post-ReLU activations projected on an uncentred SVD basis. Per class a
 * mixture of 2–4 correlated Gaussians; an anisotropic spectrum s_j ∝ (j+1)^(−0.7);
 * coordinate 0 carries the large positive mean that an uncentred SVD puts first;
 * a shared per-point factor correlates all coordinates; and each image's deviation
 * is scaled by u = sqrt(6/χ²₆) (overall activation magnitude varies from image to
 * image: heavy, Student-t-like tails). The scale mixture is what keeps the fitted
 * cluster count realistic (~15–25 per class, METHOD K.2 assumes 5–50): without it
 * the sampler collapses these 64-D classes to one cluster within two sweeps, which
 * would make the benchmark meaninglessly cheap.
 * Deterministic: one Rng stream per class.
 */
import { createRng } from '../src/rng/index.ts';
import type { ClassData } from '../src/dpgmm/index.ts';

export interface SyntheticLayerSpec {
  readonly classes: number;
  readonly points: number;
  readonly dim: number;
  readonly seed?: number;
}

/** `classes` ClassData of [points, dim] each. */
export function syntheticLayer({ classes, points, dim, seed = 2023 }: SyntheticLayerSpec): ClassData[] {
  const spectrum = Float64Array.from({ length: dim }, (_, j) => 3 * Math.pow(j + 1, -0.7));
  return Array.from({ length: classes }, (_, c) => {
    const rng = createRng(seed, c);
    const classMean = Float64Array.from(spectrum, (s, j) => (j === 0 ? 20 + 2 * rng.normal() : 2 * s * rng.normal()));
    const components = 2 + rng.integer(3);
    const offsets = Array.from({ length: components }, () => Float64Array.from(spectrum, (s) => 1.5 * s * rng.normal()));
    const loadings = Float64Array.from(spectrum, (s) => 0.5 * s * rng.normal());
    const data = new Float64Array(points * dim);
    for (let i = 0; i < points; i++) {
      const k = rng.integer(components);
      const factor = rng.normal();
      const scale = Math.sqrt(6 / rng.chiSquare(6));
      let previous = rng.normal();
      for (let j = 0; j < dim; j++) {
        const z = rng.normal();
        const deviation = spectrum[j] * (0.8 * z + 0.4 * previous) * 0.5 + loadings[j] * factor;
        data[i * dim + j] = classMean[j] + offsets[k][j] + scale * deviation;
        previous = z;
      }
    }
    return { label: c, name: `class ${c}`, points: data, n: points };
  });
}

/** The layer as one [classes·points, dim] float64 array (class-major rows), for numpy_cgs.py. */
export function stackLayer(layer: readonly ClassData[]): Float64Array {
  const total = layer.reduce((s, c) => s + c.points.length, 0);
  const out = new Float64Array(total);
  let offset = 0;
  for (const c of layer) {
    out.set(c.points, offset);
    offset += c.points.length;
  }
  return out;
}
