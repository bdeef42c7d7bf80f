/**
 * Test-only helpers for density/ and analysis/ tests: fixture loading and
 * small hand-built models. Never imported by library code.
 */
import { readFileSync } from 'node:fs';
import { cholesky } from '../linalg/index.ts';
import type { Rng } from '../rng/index.ts';
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

/** Shape of `randomMixtureModel`. */
export interface RandomMixtureSpec {
  readonly classes: number;
  readonly dim: number;
  readonly traces: number;
  /** Components per (class, trace) are drawn uniformly from 1..maxComponents. */
  readonly maxComponents: number;
  /** Spread of the class centres (component locations scatter by 1 around them). */
  readonly separation: number;
  readonly traceAveraging?: 'density' | 'log';
}

/**
 * A random Student-t mixture model: per class a centre ~ N(0, separation²·I);
 * per (class, trace) 1..maxComponents components with Gamma(2) weights
 * (normalised to 1/T per trace), df in
 * [d + 2, d + 40), locations centre + N(0, I), and shape L Lᵀ with
 * L = diag(0.5..1.5) + 0.3·N(0, 1) below the diagonal.
 */
export function randomMixtureModel(rng: Rng, spec: RandomMixtureSpec): PredictiveModel {
  const d = spec.dim;
  const classes = Array.from({ length: spec.classes }, (_, label) => {
    const centre = Array.from({ length: d }, () => spec.separation * rng.normal());
    const components: StudentTComponent[] = [];
    for (let t = 0; t < spec.traces; t++) {
      const count = 1 + rng.integer(spec.maxComponents);
      for (let k = 0; k < count; k++) {
        const l = new Float64Array(d * d);
        for (let i = 0; i < d; i++) {
          l[i * d + i] = 0.5 + rng.uniform();
          for (let j = 0; j < i; j++) l[i * d + j] = 0.3 * rng.normal();
        }
        components.push({ weight: rng.gamma(2, 1), df: d + 2 + 38 * rng.uniform(), loc: Float64Array.from(centre, (c) => c + rng.normal()), scaleTril: l, trace: t });
      }
    }
    // Each trace's weights sum to 1/T, so the class's sum to 1 (what 'log' averaging requires).
    const traceTotals = new Float64Array(spec.traces);
    for (const k of components) traceTotals[k.trace!] += k.weight;
    const normalised = components.map((k) => ({ ...k, weight: k.weight / (traceTotals[k.trace!] * spec.traces) }));
    return mixtureOf(label, normalised, centre, Array.from({ length: d }, () => 2));
  });
  return modelOf(classes, spec.traceAveraging ?? 'density');
}

/**
 * The per-sample loop sampleClass ran before its draws were batched (one component, z, u
 * and L z after another), kept as the reference its results must match bit for bit.
 */
export function sampleComponentsOneByOne(components: readonly StudentTComponent[], count: number, rng: Rng): Float64Array {
  const d = components[0].loc.length;
  const cumulative = new Float64Array(components.length);
  let total = 0;
  components.forEach((k, i) => (cumulative[i] = total += k.weight));
  const out = new Float64Array(count * d);
  const z = new Float64Array(d);
  for (let s = 0; s < count; s++) {
    const target = rng.uniform() * total;
    let index = 0;
    while (index < components.length - 1 && cumulative[index] <= target) index++;
    const { loc, scaleTril: l, df } = components[index];
    for (let j = 0; j < d; j++) z[j] = rng.normal();
    const scale = 1 / Math.sqrt(rng.chiSquare(df) / df);
    const row = s * d;
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) sum += l[i * d + j] * z[j];
      out[row + i] = loc[i] + scale * sum;
    }
  }
  return out;
}
