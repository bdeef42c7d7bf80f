import { describe, expect, it } from 'vitest';
import { fitClassDensities } from './fit.ts';
import { niwPriorFromData, VARIANCE_FLOOR_RELATIVE } from './niw-prior.ts';
import { defaultBurnIn, fitOptionsSchema, keptSweeps, parseFitOptions } from './options.ts';

describe('niwPriorFromData (METHOD B.2)', () => {
  it('m0 = mean, Ψ0 = diag(biased variance)/K0^(2/d), ν0 = d + 2', () => {
    const points = Float64Array.from([0, 10, 2, 14, 4, 12, 6, 20]); // n = 4, d = 2
    const prior = niwPriorFromData(points, 4, 2, { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 });
    expect(Array.from(prior.mean)).toEqual([3, 14]);
    expect(Array.from(prior.variance)).toEqual([5, 14]);
    expect(prior.cholPsi[0] ** 2).toBeCloseTo(5 / 6, 14); // 6^(2/2) = 6
    expect(prior.cholPsi[3] ** 2).toBeCloseTo(14 / 6, 14);
    expect(prior.cholPsi[1]).toBe(0);
    expect(prior.nu0).toBe(4);
    // d = 64: 6^(2/64) = 1.05759 (METHOD B.2 table).
    const wide = niwPriorFromData(new Float64Array(128).map((_, i) => (i < 64 ? 1 : -1)), 2, 64, { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 });
    expect(wide.variance[0] / wide.cholPsi[0] ** 2).toBeCloseTo(1.05759, 5);
  });

  it('floors zero-variance coordinates instead of producing a singular Ψ0, and a fit on them runs', async () => {
    const n = 30, d = 3;
    const points = new Float64Array(n * d).map((_, k) => (k % d === 1 ? 5 : Math.sin(k)));
    const prior = niwPriorFromData(points, n, d, { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 });
    expect(prior.variance[1]).toBeCloseTo(Math.max(prior.variance[0], prior.variance[2]) * VARIANCE_FLOOR_RELATIVE, 25);
    const result = await fitClassDensities([{ label: 0, name: 'flat', points, n }], { iterations: 10, burnIn: 5, thin: 1, workers: 1 });
    expect(result.classes[0].traces).toHaveLength(5);
    expect(result.classes[0].diagnostics.logLikelihoods[0].every(Number.isFinite)).toBe(true);
    const constant = niwPriorFromData(new Float64Array(6).fill(2), 3, 2, { initialClusters: 6, kappa0: 0.01, nu0Offset: 2 });
    expect(Array.from(constant.variance)).toEqual([1, 1]);
  });
});

describe('fit options (declared once, paper-parity defaults)', () => {
  it('defaults are the paper settings: 400 sweeps, 20 traces 320..396, b = 4, K0 = 6, κ0 = 0.01, ν0 = d + 2', () => {
    const o = parseFitOptions({}, 100);
    expect(o).toMatchObject({ iterations: 400, burnIn: 320, thin: 4, blockSize: 4, initialClusters: 6, kappa0: 0.01, nu0Offset: 2, chains: 1, seed: 0 });
    expect(o.alphaPrior).toEqual({ shape: 1, rate: 1 });
    expect(o.variants).toEqual({ alphaUpdate: 'paper', mixtureWeights: 'paper', traceAveraging: 'log', alphaInit: 'paper', alphaTiming: 'lagged' });
    expect(keptSweeps(o)).toEqual(Array.from({ length: 20 }, (_, i) => 320 + 4 * i));
    expect(parseFitOptions({ workers: 8 }, 3).workers).toBe(3);
    expect(fitOptionsSchema.parse({ seed: 0 }).seed).toBe(0);
  });

  it('one burn-in rule where none is given: 80% of the sweeps, at most the paper\'s 320', () => {
    expect([1, 6, 100, 399, 400, 1000].map(defaultBurnIn)).toEqual([0, 4, 80, 319, 320, 320]);
    expect(parseFitOptions({ iterations: 100 })).toMatchObject({ iterations: 100, burnIn: 80 });
    expect(parseFitOptions({ iterations: 100, burnIn: 10 }).burnIn).toBe(10);
    expect(() => parseFitOptions({ iterations: 100, burnIn: 100 })).toThrow('options.burnIn: must be < iterations (100), got 100');
  });
});
