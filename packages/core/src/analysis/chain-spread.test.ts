import { describe, expect, it } from 'vitest';
import { scoreOwnClass, traceModel } from '../density/index.ts';
import { fitClassDensities } from '../dpgmm/index.ts';
import { blobs, classData } from '../dpgmm/testing/fixtures.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { createRng } from '../rng/index.ts';
import {
  betweenChainSd, chainClassStats, chainGroupAgreement, chainMeans, chainModel, chainTraceIndices,
} from './chain-spread.ts';
import { classLogDensityStats } from './class-log-density-stats.ts';
import { largestGapSplit } from './largest-gap-split.ts';
import { relativeEntropy } from './relative-entropy.ts';

const d = 3;
const sizes = [40, 30, 36];
const classes = sizes.map((n, c) => classData(c, blobs(n, d, 2, 3 + c, 70 + c).points, n));
const points = Float64Array.from(classes.flatMap((c) => Array.from(c.points)));
const labels = Int32Array.from(classes.flatMap((c) => Array.from({ length: c.n }, () => c.label)));
// 3 kept traces per chain (sweeps 6, 8, 10), 2 chains: T = 6, chain-major.
const fit = fitClassDensities(classes, { iterations: 12, burnIn: 6, thin: 2, chains: 2, seed: 4, workers: 1 });

describe('chain spread', () => {
  it('splits the kept traces chain-major, as fitClassDensities orders them', async () => {
    const { predictive } = await fit;
    expect(predictive.traceCount).toBe(6);
    expect(chainTraceIndices(6, 2, 0)).toEqual([0, 1, 2]);
    expect(chainTraceIndices(6, 2, 1)).toEqual([3, 4, 5]);
    // Chain 1's model holds exactly the components of traces 3..5, renumbered 0..2: its first trace scores like trace 3.
    const chain1 = chainModel(predictive, 2, 1);
    expect(chain1.traceCount).toBe(3);
    const x = classes[0].points.subarray(0, 5 * d);
    const direct = await scoreOwnClass(traceModel(predictive, 3, [0]), x, 5, 'reduced', [0, 0, 0, 0, 0]);
    const viaChain = await scoreOwnClass(traceModel(chain1, 0, [0]), x, 5, 'reduced', [0, 0, 0, 0, 0]);
    expect(Array.from(viaChain)).toEqual(Array.from(direct));
    expect(chainModel(predictive, 1, 0)).toBe(predictive);
  });

  it('pooled log-averaged own-class log-densities are the mean of the two chains\' (the stored densities keep their meaning)', async () => {
    const { predictive } = await fit;
    const exact = { kernel: 'exact' } as const;
    const pooled = await scoreOwnClass(predictive, points, labels.length, 'reduced', labels, exact);
    const perChain = await Promise.all([0, 1].map((j) => scoreOwnClass(chainModel(predictive, 2, j), points, labels.length, 'reduced', labels, exact)));
    // (1/6) Σ_t log p_t = ½[(1/3) Σ_{t<3} log p_t + (1/3) Σ_{t≥3} log p_t]: with the float64 kernel equal up to
    // summation order (~1e-15 relative; 1e-9 leaves room, a wrong trace set would be off by nats).
    for (let i = 0; i < labels.length; i++) expect(Math.abs(pooled[i] - (perChain[0][i] + perChain[1][i]) / 2)).toBeLessThan(1e-9 * Math.max(1, Math.abs(pooled[i])));
    const stats = await chainClassStats(predictive, 2, points, labels.length, 'reduced', labels, exact);
    const pooledStats = classLogDensityStats(pooled, labels);
    expect(stats).toHaveLength(2);
    stats[0].forEach((s, c) => expect(Math.abs((s.mean + stats[1][c].mean) / 2 - pooledStats[c].mean)).toBeLessThan(1e-9 * Math.abs(pooledStats[c].mean)));
    // Two independent chains do not agree to the last digit: the spread is real, not zero.
    expect(stats[0].some((s, c) => Math.abs(s.mean - stats[1][c].mean) > 1e-6)).toBe(true);
  });

  it('per-chain means of a per-trace estimate average to the pooled estimate', async () => {
    const { predictive } = await fit;
    const entropy = await relativeEntropy(predictive, 1, { rng: createRng(1, 0), samplesPerTrace: 200 });
    const means = chainMeans(entropy.perTrace, 2);
    expect((means[0] + means[1]) / 2).toBeCloseTo(entropy.estimate, 12);
    expect(Array.from(chainMeans([1, 2, 3, 10, 20, 30], 2))).toEqual([2, 20]);
  });

  it('between-chain s.d. is the sample s.d. of the chain estimates; null for one chain', () => {
    expect(betweenChainSd([3, 7])).toBeCloseTo(4 / Math.SQRT2, 14);
    expect(betweenChainSd([1, 2, 3])).toBeCloseTo(1, 14);
    expect(betweenChainSd([5, 5])).toBe(0);
    expect(betweenChainSd([5])).toBeNull();
  });

  it('counts, per class, the chains whose own split keeps it in its pooled group', () => {
    const pooled = largestGapSplit([0, 1, 10, 11], [0, 1, 2, 3]);
    const same = largestGapSplit([0.2, 1.1, 10.5, 11.2], [0, 1, 2, 3]);
    const moved = largestGapSplit([0, 8, 9, 10], [0, 1, 2, 3]); // class 1 joins the high group
    const agreement = chainGroupAgreement(pooled, [same, moved]);
    expect(Object.fromEntries(agreement.perClass)).toEqual({ 0: 2, 1: 1, 2: 2, 3: 2 });
    expect(agreement.identicalSplits).toBe(1);
    expect(() => chainGroupAgreement(pooled, [largestGapSplit([0, 1, 10], [0, 1, 2])])).toThrow(InvalidArgumentError);
  });

  it('rejects chain counts that do not divide the traces', async () => {
    const { predictive } = await fit;
    expect(() => chainTraceIndices(6, 4, 0)).toThrow(InvalidArgumentError);
    expect(() => chainTraceIndices(6, 2, 2)).toThrow(InvalidArgumentError);
    expect(() => chainMeans([1, 2, 3], 2)).toThrow(InvalidArgumentError);
    expect(() => chainModel({ ...predictive, traceAveraging: 'density', classes: predictive.classes.map((c) => ({ ...c, components: c.components.map(({ trace: _t, ...k }) => k) })) }, 2, 0))
      .toThrow(InvalidArgumentError);
  });
});
