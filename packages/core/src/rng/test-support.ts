import type { Rng } from './rng.ts';

/**
 * `rng` with `fillNormal` as the loop of `normal()` calls it replaced: the reference that
 * the batched fill, and every result drawn through it, must match bit for bit.
 */
export function normalsOneByOne(rng: Rng): Rng {
  return {
    uniform: () => rng.uniform(),
    normal: () => rng.normal(),
    fillNormal: (out, from = 0, to = out.length) => {
      for (let i = from; i < to; i++) out[i] = rng.normal();
    },
    gamma: (shape, rate) => rng.gamma(shape, rate),
    beta: (a, b) => rng.beta(a, b),
    chiSquare: (k) => rng.chiSquare(k),
    bernoulli: (p) => rng.bernoulli(p),
    categoricalLog: (logWeights, count) => rng.categoricalLog(logWeights, count),
    integer: (n) => rng.integer(n),
    permutation: (n) => rng.permutation(n),
    shuffle: (values) => rng.shuffle(values),
    state: () => rng.state(),
  };
}
