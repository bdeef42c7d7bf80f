import { InvalidArgumentError } from '../errors/index.ts';
import type { Rng } from '../rng/index.ts';
import type { ClassMixture, StudentTComponent } from './predictive-model.ts';

/**
 * Draws `count` points from a class's predictive mixture (all components,
 * i.e. the `density`-averaged mixture): component ~ Categorical(w), then
 * x = m + L z / √(u/ν), z ~ N(0, I_d), u ~ χ²_ν (METHOD.md E).
 * @returns [count, d] Float64Array
 */
export function sampleClass(mixture: ClassMixture, count: number, rng: Rng): Float64Array {
  checkCount(count);
  return sampleComponents(mixture.components, count, rng);
}

/**
 * Draws `count` points from one kept trace's mixture p(· | D, c_t) (weights
 * renormalised within the trace), as the relative-entropy and KL estimators
 * need (METHOD.md E, F). Without trace indices the whole mixture is trace 0.
 * @returns [count, d] Float64Array
 */
export function sampleTrace(mixture: ClassMixture, trace: number, count: number, rng: Rng): Float64Array {
  checkCount(count);
  const members = mixture.components.filter((k) => (k.trace ?? 0) === trace);
  if (members.length === 0) throw new InvalidArgumentError('trace', `class ${mixture.label} has no component in trace ${trace}`);
  return sampleComponents(members, count, rng);
}

function sampleComponents(components: readonly StudentTComponent[], count: number, rng: Rng): Float64Array {
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

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('count', `must be a non-negative integer, got ${count}`);
}
