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

/**
 * Synthetic layers whose fitted cluster counts stay in the range real layers keep (issue 13:
 * ResNet/MNIST layers keep 11–17 clusters per class through 400 sweeps at d = 64): per class a
 * mixture of `components` Gaussians (default 14 at d = 64, 5 at d = 16, linear in between) with
 * means spread on the spectrum s_j ∝ (j+1)^(−0.7) at the same scale as the within-component
 * noise, a large coordinate 0 (uncentred SVD), and each point's deviation scaled by
 * u = sqrt(12/χ²₁₂) (per-image activation magnitude). Measured with the paper sampler
 * (bench output reports it every run): 11–18 clusters per class at d = 64 from sweep 10 to 400,
 * 3–10 (median ≈ 5) at d = 16. Closer components merge to ≈ 4 clusters; lighter tails
 * (χ²₄₀) leave the sampler at its K0 = 6 start; heavier ones (χ²₈) keep splitting past 25.
 */
export function realShapedLayer({ classes, points, dim, seed = 2023, components }: SyntheticLayerSpec & { readonly components?: number }): ClassData[] {
  const spectrum = Float64Array.from({ length: dim }, (_, j) => 3 * Math.pow(j + 1, -0.7));
  const k = components ?? Math.max(2, Math.round(5 + ((dim - 16) * 9) / 48));
  return Array.from({ length: classes }, (_, c) => {
    const rng = createRng(seed, c);
    const classMean = Float64Array.from(spectrum, (s, j) => (j === 0 ? 20 + 2 * rng.normal() : 2 * s * rng.normal()));
    const offsets = Array.from({ length: k }, () => Float64Array.from(spectrum, (s) => s * rng.normal()));
    const data = new Float64Array(points * dim);
    for (let i = 0; i < points; i++) {
      const offset = offsets[rng.integer(k)];
      const scale = 0.5 * Math.sqrt(12 / rng.chiSquare(12));
      for (let j = 0; j < dim; j++) data[i * dim + j] = classMean[j] + offset[j] + scale * spectrum[j] * rng.normal();
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
