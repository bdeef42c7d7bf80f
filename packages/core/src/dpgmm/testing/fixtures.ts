import { readFileSync } from 'node:fs';
import { createRng } from '../../rng/index.ts';
import { niwPriorFromData } from '../niw-prior.ts';
import type { ClassData } from '../types.ts';

/** The committed scipy reference values (fixtures/dpgmm/make_reference.py). */
export function loadReference(): any {
  return JSON.parse(readFileSync(new URL('../../../fixtures/dpgmm/reference.json', import.meta.url), 'utf8'));
}

/**
 * The 6-point 2-D data whose exact partition posterior (α ~ Gamma(1, 1) integrated out) the scipy
 * script enumerates, with the prior the samplers use on it (neal-reference.test.ts, subcluster-exact.test.ts).
 */
export function partitionPosteriorCase() {
  const ref = loadReference().partitionPosterior;
  const points = matrix(ref.points);
  const n = 6, d = 2;
  const prior = niwPriorFromData(points, n, d, { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 });
  return { ref, points, n, d, prior, alphaPrior: { shape: 1, rate: 1 } };
}

/** Row-major Float64Array from nested arrays [n][d]. */
export function matrix(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

/**
 * Gaussian blobs in d dimensions: centres ~ N(0, separation²·I), unit isotropic
 * noise; point i belongs to blob i % clusters. Returns points [n, d] and the truth [n].
 */
export function blobs(n: number, d: number, clusters: number, separation: number, seed: number): { points: Float64Array; truth: Int32Array } {
  const rng = createRng(seed, 1000);
  const centres = Array.from({ length: clusters }, () => Array.from({ length: d }, () => rng.normal() * separation));
  const points = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % clusters;
    truth[i] = k;
    for (let j = 0; j < d; j++) points[i * d + j] = centres[k][j] + rng.normal();
  }
  return { points, truth };
}

/** Wraps points as ClassData. */
export function classData(label: number, points: Float64Array, n: number): ClassData {
  return { label, name: `class ${label}`, points, n };
}

/** Adjusted Rand index of two labelings [n]. */
export function adjustedRand(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sa = 0, sb = 0;
  for (const v of rows.values()) sa += pairs(v);
  for (const v of cols.values()) sb += pairs(v);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
