import { describe, expect, it } from 'vitest';
import { createRng } from '../rng/index.ts';
import { traceFromAssignments } from './chain-state.ts';
import { niwPriorFromData } from './niw-prior.ts';
import { predictiveFromTraces } from './predictive.ts';
import type { ClassTrace } from './types.ts';

const n = 40, d = 3;
const rng = createRng(4, 4);
const points = new Float64Array(n * d).map(() => rng.normal());
const prior = niwPriorFromData(points, n, d, { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 });
const info = { label: 7, name: 'seven', n, prior, reference: { mean: prior.mean, variance: prior.variance } };
const traces: ClassTrace[] = [
  traceFromAssignments(prior, points, 320, 0.8, Int32Array.from({ length: n }, (_, i) => i % 3), 3),
  traceFromAssignments(prior, points, 324, 1.7, Int32Array.from({ length: n }, (_, i) => (i < 10 ? 0 : 1)), 2),
];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('predictiveFromTraces (METHOD D)', () => {
  it("'paper' weights (α+n_k)/(Kα+n), each trace summing to 1/T; df n_k+3; scaleTril = sqrt((κ+1)/(κν̃))·L_k", () => {
    const mixture = predictiveFromTraces(info, traces, { mixtureWeights: 'paper', traceAveraging: 'log' });
    expect(mixture.components).toHaveLength(5);
    for (const t of [0, 1]) {
      const own = mixture.components.filter((c) => c.trace === t);
      expect(sum(own.map((c) => c.weight))).toBeCloseTo(0.5, 14);
    }
    const first = mixture.components[0];
    const nk = traces[0].counts[0];
    expect(first.weight).toBeCloseTo((0.8 + nk) / (3 * 0.8 + n) / 2, 14);
    expect(first.df).toBe(nk + 3);
    const kappa = 0.01 + nk;
    const factor = Math.sqrt((kappa + 1) / (kappa * (nk + 3)));
    expect(first.scaleTril[0]).toBeCloseTo(factor * traces[0].cholPsi[0], 14);
    expect(first.scaleTril[1]).toBe(0);
    expect(Array.from(first.loc)).toEqual(Array.from(traces[0].means.subarray(0, d)));
    expect(mixture.reference.variance).toBe(prior.variance);
  });

  it("'crp' adds one prior-predictive component α/(n+α) per trace (df 3, loc m0); 'density' drops trace indices", () => {
    const mixture = predictiveFromTraces(info, traces, { mixtureWeights: 'crp', traceAveraging: 'density' });
    expect(mixture.components).toHaveLength(7);
    expect(sum(mixture.components.map((c) => c.weight))).toBeCloseTo(1, 14);
    const priorComponent = mixture.components[3];
    expect(priorComponent.df).toBe(3);
    expect(priorComponent.weight).toBeCloseTo(0.8 / (n + 0.8) / 2, 14);
    expect(Array.from(priorComponent.loc)).toEqual(Array.from(prior.mean));
    expect(Math.sqrt((0.01 + 1) / (0.01 * 3)) * prior.cholPsi[0]).toBeCloseTo(priorComponent.scaleTril[0], 12);
    expect(mixture.components.every((c) => c.trace === undefined)).toBe(true);
  });

  it('with consume, gives the same components as views of the traces\' arrays, and leaves the prior alone', () => {
    for (const mixtureWeights of ['paper', 'crp'] as const) {
      const variants = { mixtureWeights, traceAveraging: 'log' } as const;
      const copy = (t: ClassTrace): ClassTrace => ({ ...t, means: t.means.slice(), cholPsi: t.cholPsi.slice() });
      const own = traces.map(copy);
      const priorChol = prior.cholPsi.slice();
      const expected = predictiveFromTraces(info, traces, variants);
      const consumed = predictiveFromTraces(info, own, variants, { consume: true });
      expect(consumed.components.map((c) => ({ ...c, loc: Array.from(c.loc), scaleTril: Array.from(c.scaleTril) })))
        .toEqual(expected.components.map((c) => ({ ...c, loc: Array.from(c.loc), scaleTril: Array.from(c.scaleTril) })));
      expect(consumed.components[0].scaleTril.buffer).toBe(own[0].cholPsi.buffer);
      expect(consumed.components[0].loc.buffer).toBe(own[0].means.buffer);
      expect(Array.from(prior.cholPsi)).toEqual(Array.from(priorChol));
    }
  });

  it('needs at least one trace', () => {
    expect(() => predictiveFromTraces(info, [], { mixtureWeights: 'paper', traceAveraging: 'log' })).toThrow(/traces/);
  });
});
