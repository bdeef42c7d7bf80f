import { symmetricEigen } from '../linalg/index.ts';
import type { Rng } from '../rng/index.ts';

/** [n, p] standard-normal rows. */
export function gaussianRows(n: number, p: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n * p }, () => rng.normal());
}

/** A random [d, d] orthogonal matrix: the eigenvectors of a random symmetric matrix. */
export function randomOrthogonal(d: number, rng: Rng): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) a[i * d + j] = a[j * d + i] = rng.normal();
  return symmetricEigen(a, d).vectors;
}

/** Rows x_i ↦ scale·(x_i A) + shift, for A [p, q]: x [n, p] → [n, q]. */
export function mapRows(x: Float64Array, n: number, p: number, a: Float64Array, q: number, scale = 1, shift?: readonly number[]): Float64Array {
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < q; j++) {
      let dot = 0;
      for (let k = 0; k < p; k++) dot += x[i * p + k] * a[k * q + j];
      out[i * q + j] = scale * dot + (shift?.[j] ?? 0);
    }
  }
  return out;
}

/** Layer-like rows: ReLU of a random map of `x` plus noise, offset by 1.5 (as post-ReLU activations are). */
export function reluOf(x: Float64Array, n: number, p: number, q: number, rng: Rng): Float64Array {
  const mixed = mapRows(x, n, p, gaussianRows(p, q, rng), q, 1 / Math.sqrt(p));
  return mixed.map((v) => Math.max(0, v + 0.3 * rng.normal()) + 1.5);
}
