import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';
import type { KernelKind } from '../linalg/wasm/kernel-heap.ts';
import type { ClassMixture, StudentTComponent } from './predictive-model.ts';
import { studentTDraws } from './sample-product.ts';

/**
 * Draws `count` points from a class's predictive mixture (all components,
 * i.e. the `density`-averaged mixture): component ~ Categorical(w), then
 * x = m + L z / √(u/ν), z ~ N(0, I_d), u ~ χ²_ν (METHOD.md E).
 * `kernels` picks the L z product's implementation (default as CLASSFIT_KERNELS); both give the same bits.
 * @returns [count, d] Float64Array
 */
export function sampleClass(mixture: ClassMixture, count: number, rng: Rng, kernels?: KernelKind): Float64Array {
  checkCount(count);
  return sampleComponents(mixture.components, count, rng, kernels);
}

/**
 * Draws `count` points from one kept trace's mixture p(· | D, c_t) (weights
 * renormalised within the trace), as the relative-entropy and KL estimators
 * need (METHOD.md E, F). Without trace indices the whole mixture is trace 0.
 * @returns [count, d] Float64Array
 */
export function sampleTrace(mixture: ClassMixture, trace: number, count: number, rng: Rng, kernels?: KernelKind): Float64Array {
  checkCount(count);
  const members = mixture.components.filter((k) => (k.trace ?? 0) === trace);
  if (members.length === 0) throw new InvalidArgumentError('trace', `class ${mixture.label} has no component in trace ${trace}`);
  return sampleComponents(members, count, rng, kernels);
}

/**
 * All random numbers first, in the order of the original per-sample loop (component,
 * then z_1..z_d, then u, sample by sample), so the stream and every draw are unchanged;
 * then the products L z for the whole batch (sample-product.ts).
 */
function sampleComponents(components: readonly StudentTComponent[], count: number, rng: Rng, kernels?: KernelKind): Float64Array {
  const d = components[0].loc.length;
  const cumulative = new Float64Array(components.length);
  let total = 0;
  components.forEach((k, i) => (cumulative[i] = total += k.weight));
  const component = new Int32Array(count);
  const z = new Float64Array(count * d);
  const scale = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const target = rng.uniform() * total;
    let index = 0;
    while (index < components.length - 1 && cumulative[index] <= target) index++;
    component[s] = index;
    rng.fillNormal(z, s * d, (s + 1) * d);
    const df = components[index].df;
    scale[s] = 1 / Math.sqrt(rng.chiSquare(df) / df);
  }
  const out = new Float64Array(count * d);
  studentTDraws(components, { component, z, scale }, out, kernels);
  return out;
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('count', `must be a non-negative integer, got ${count}`);
}
