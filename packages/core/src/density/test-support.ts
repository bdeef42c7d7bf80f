/**
 * Test-only helpers for density/ and analysis/ tests: fixture loading and
 * small hand-built models. Never imported by library code.
 */
import { readFileSync } from 'node:fs';
import { cholesky } from '../linalg/index.ts';
import type { ClassMixture, PredictiveModel, StudentTComponent } from './predictive-model.ts';

/** Parses a JSON file under packages/core/fixtures/<dir>/. */
export function loadFixture<T>(dir: 'density' | 'analysis', file: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${dir}/${file}`, import.meta.url), 'utf8')) as T;
}

/** Absolute path of a fixture file. */
export function fixturePath(dir: 'density' | 'analysis', file: string): string {
  return new URL(`../../fixtures/${dir}/${file}`, import.meta.url).pathname;
}

/** Row-major Float64Array from nested lists. */
export function flat(rows: readonly (readonly number[])[]): Float64Array {
  return Float64Array.from(rows.flat());
}

/** A component with shape matrix `shape` ([d, d] SPD, row-major). */
export function component(weight: number, df: number, loc: number[], shape: number[], trace?: number): StudentTComponent {
  const d = loc.length;
  return { weight, df, loc: Float64Array.from(loc), scaleTril: cholesky(Float64Array.from(shape), d), ...(trace === undefined ? {} : { trace }) };
}

/** A class whose reference Gaussian is N(mean, diag variance). */
export function mixtureOf(label: number, components: StudentTComponent[], mean: number[], variance: number[]): ClassMixture {
  return { label, name: `c${label}`, n: 100, components, reference: { mean: Float64Array.from(mean), variance: Float64Array.from(variance) } };
}

/** A model over the given classes; T from the components' trace indices. */
export function modelOf(classes: ClassMixture[], traceAveraging: 'density' | 'log' = 'density'): PredictiveModel {
  const traces = classes.flatMap((c) => c.components.map((k) => (k.trace ?? 0) + 1));
  return { dim: classes[0].components[0].loc.length, traceAveraging, traceCount: Math.max(1, ...traces), classes };
}

/** Relative error |got − want| / max(|want|, 1e-300). */
export function relativeError(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
}

/**
 * The model of the data mapped by x_j → a_j x_j + c_j: loc' = a∘loc + c,
 * L' = A L S with S = diag(sign a) (so the diagonal stays positive and
 * L'L'ᵀ = A L Lᵀ A), reference mean' = a∘mean + c, variance' = a²∘variance.
 */
export function affineModel(model: PredictiveModel, a: number[], c: number[]): PredictiveModel {
  const d = model.dim;
  return {
    ...model,
    classes: model.classes.map((cls) => ({
      ...cls,
      components: cls.components.map((k) => ({
        ...k,
        loc: k.loc.map((v, j) => a[j] * v + c[j]),
        scaleTril: k.scaleTril.map((v, idx) => a[Math.floor(idx / d)] * v * Math.sign(a[idx % d])),
      })),
      reference: { mean: cls.reference.mean.map((v, j) => a[j] * v + c[j]), variance: cls.reference.variance.map((v, j) => a[j] * a[j] * v) },
    })),
  };
}

/** Applies x_j → a_j x_j + c_j to [n, d] points. */
export function affinePoints(points: Float64Array, a: number[], c: number[]): Float64Array {
  const d = a.length;
  return points.map((v, idx) => a[idx % d] * v + c[idx % d]);
}
