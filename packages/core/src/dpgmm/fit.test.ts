import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import type { FitCheckpoint } from './checkpoint.ts';
import { fitClassDensities, type FitProgress, type FitResult } from './fit.ts';
import { rHat } from './r-hat.ts';
import { blobs, classData } from './testing/fixtures.ts';
import type { ClassData } from './types.ts';

const d = 4;
const classes: ClassData[] = [60, 45, 70].map((n, c) => classData(c, blobs(n, d, 2, 4, 30 + c).points, n));
const OPTIONS = { iterations: 30, burnIn: 10, thin: 5, chains: 2, seed: 0 };

/** Everything a fit produces that must be reproducible (timings excluded). */
function fingerprint(result: FitResult): unknown {
  return result.classes.map((c) => ({
    traces: c.traces.map((t) => [t.sweep, t.alpha, Array.from(t.assignments), Array.from(t.means), Array.from(t.cholPsi)]),
    diagnostics: c.diagnostics,
  }));
}

describe('fitClassDensities', () => {
  it('gives identical traces and diagnostics with 1 and 2 workers; keeps burnIn, burnIn+thin, … chain-major', async () => {
    const progress: FitProgress[] = [];
    const one = await fitClassDensities(classes, { ...OPTIONS, workers: 1 }, { onProgress: (p) => progress.push(p) });
    const two = await fitClassDensities(classes, { ...OPTIONS, workers: 2 });
    expect(two.options.workers).toBe(2);
    expect(fingerprint(two)).toEqual(fingerprint(one));
    expect(one.classes[0].traces.map((t) => t.sweep)).toEqual([10, 15, 20, 25, 10, 15, 20, 25]);
    expect(one.classes[1].diagnostics.clusterCounts).toHaveLength(2);
    expect(one.classes[1].diagnostics.logLikelihoods[0]).toHaveLength(30);
    expect(one.classes[1].diagnostics.rHat).toBeGreaterThan(0);
    // The cluster-count R-hat is the same statistic on the kept sweeps' cluster counts (recomputed here).
    const counts = one.classes[1].diagnostics.clusterCounts.map((chain) => [10, 15, 20, 25].map((s) => chain[s]));
    expect(one.classes[1].diagnostics.clusterCountRHat).toBe(rHat(counts));
    expect(one.predictive.traceCount).toBe(8);
    expect(progress.map((p) => p.sweep)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(Object.isFrozen(one)).toBe(true);
    expect(Object.isFrozen(one.classes[0])).toBe(true);
  });

  it('has no R-hat (log-likelihood or cluster count) with one chain: it needs two to compare', async () => {
    const single = await fitClassDensities(classes.slice(0, 1), { ...OPTIONS, chains: 1, workers: 1 });
    expect(single.classes[0].diagnostics).toMatchObject({ rHat: null, clusterCountRHat: null });
  });

  it('resuming from a (JSON round-tripped) checkpoint gives results identical to an uninterrupted run', async () => {
    const full = await fitClassDensities(classes, { ...OPTIONS, workers: 1 });
    const checkpoints: FitCheckpoint[] = [];
    await fitClassDensities(classes, { ...OPTIONS, workers: 2 }, {
      checkpointEverySweeps: 12,
      onCheckpoint: (c) => void checkpoints.push(JSON.parse(JSON.stringify(c))),
    });
    expect(checkpoints.map((c) => c.chains[0].sweep)).toEqual([12, 24]);
    const resumed = await fitClassDensities(classes, { ...OPTIONS, workers: 1 }, { resumeFrom: checkpoints[0] });
    expect(fingerprint(resumed)).toEqual(fingerprint(full));
  });

  it('checkpointMinIntervalMs: only the first boundary checkpoints, every one calls onBoundary; an abort between checkpoints emits none', async () => {
    const full = await fitClassDensities(classes, { ...OPTIONS, workers: 1 });
    const checkpoints: FitCheckpoint[] = [];
    const boundaries: number[] = [];
    const controller = new AbortController();
    const run = fitClassDensities(classes, { ...OPTIONS, workers: 2 }, {
      signal: controller.signal,
      checkpointEverySweeps: 4,
      checkpointMinIntervalMs: 3_600_000,
      onCheckpoint: (c) => void checkpoints.push(JSON.parse(JSON.stringify(c))),
      onBoundary: (sweep) => {
        boundaries.push(sweep);
        if (sweep === 16) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(boundaries).toEqual([4, 8, 12, 16]);
    expect(checkpoints.map((c) => c.chains.map((chain) => chain.sweep))).toEqual([Array(6).fill(4)]);
    const resumed = await fitClassDensities(classes, { ...OPTIONS, workers: 1 }, { resumeFrom: checkpoints[0] });
    expect(fingerprint(resumed)).toEqual(fingerprint(full));
  });

  for (const workers of [1, 2]) {
    it(`abort (workers ${workers}) emits a final checkpoint, rejects with AbortError, and the checkpoint resumes exactly`, async () => {
      const full = await fitClassDensities(classes, { ...OPTIONS, workers: 1 });
      const controller = new AbortController();
      let last: FitCheckpoint | undefined;
      const run = fitClassDensities(classes, { ...OPTIONS, workers }, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.sweep === 7) controller.abort();
        },
        onCheckpoint: (c) => {
          last = JSON.parse(JSON.stringify(c));
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      expect(last).toBeDefined();
      const sweeps = last!.chains.map((c) => c.sweep);
      expect(Math.min(...sweeps)).toBeGreaterThanOrEqual(7);
      // Each runner stops after its current sweep: the one that saw sweep 7 stops early, but a
      // faster worker may already have finished all 30 (chains may stand at different sweeps).
      expect(Math.min(...sweeps)).toBeLessThan(30);
      const resumed = await fitClassDensities(classes, { ...OPTIONS, workers: 2 }, { resumeFrom: last });
      expect(fingerprint(resumed)).toEqual(fingerprint(full));
    });
  }

  describe('rejects bad input with InvalidArgumentError naming the parameter', () => {
    const good = classes[0];
    const cases: [string, () => Promise<unknown>, string][] = [
      ['NaN in points', () => fitClassDensities([good, { ...classes[1], points: classes[1].points.map((x, i) => (i === 13 ? NaN : x)) }]), 'classes[1].points'],
      ['a class with one point', () => fitClassDensities([good, classData(5, new Float64Array(d), 1)]), 'classes[1].n'],
      ['mismatched d', () => fitClassDensities([good, classData(5, new Float64Array(30), 10)]), 'classes[1].points'],
      ['no classes', () => fitClassDensities([]), 'classes'],
      ['burnIn ≥ iterations', () => fitClassDensities([good], { iterations: 10, burnIn: 10 }), 'options.burnIn'],
      ['κ0 ≤ 0', () => fitClassDensities([good], { kappa0: 0 }), 'options.kappa0'],
      ['unknown variant', () => fitClassDensities([good], { variants: { alphaUpdate: 'bogus' as never } }), 'options.variants.alphaUpdate'],
      ['unknown option', () => fitClassDensities([good], { iteration: 5 } as never), 'options'],
      ['non-integer seed', () => fitClassDensities([good], { seed: 1.5 }), 'options.seed'],
      ['bad checkpoint interval', () => fitClassDensities([good], {}, { checkpointEverySweeps: 0 }), 'hooks.checkpointEverySweeps'],
    ];
    for (const [what, call, parameter] of cases) {
      it(what, async () => {
        const error = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).parameter).toBe(parameter);
      });
    }

    it('a checkpoint from other options or data', async () => {
      let checkpoint: FitCheckpoint | undefined;
      await fitClassDensities(classes, { ...OPTIONS, iterations: 12, workers: 1 }, { checkpointEverySweeps: 6, onCheckpoint: (c) => void (checkpoint ??= c) });
      for (const call of [
        () => fitClassDensities(classes, { ...OPTIONS, iterations: 12, seed: 1 }, { resumeFrom: checkpoint }),
        () => fitClassDensities(classes.slice(1), { ...OPTIONS, iterations: 12 }, { resumeFrom: checkpoint }),
      ]) {
        await expect(call()).rejects.toMatchObject({ parameter: 'hooks.resumeFrom' });
      }
    });
  });
});

describe('fitClassDensities warm starts (hooks.startFrom, finalStates)', () => {
  it('reports each chain’s final partition and α, matching the last sweep’s diagnostics', async () => {
    const fit = await fitClassDensities(classes, { ...OPTIONS, workers: 1 });
    for (const c of fit.classes) {
      expect(c.finalStates).toHaveLength(2);
      c.finalStates.forEach((s, j) => {
        expect(s.assignments).toHaveLength(c.n);
        expect(Math.max(...s.assignments) + 1).toBe(c.diagnostics.clusterCounts[j].at(-1));
        expect(s.alpha).toBe(c.diagnostics.alphas[j].at(-1));
      });
    }
  });

  it('starts a chain from the given partition instead of B.6’s random K0 clusters', async () => {
    const one = [classes[0]];
    const n = one[0].n;
    const singletons = { assignments: Int32Array.from({ length: n }, (_, i) => i), alpha: 50 };
    const options = { iterations: 1, burnIn: 0, thin: 1, chains: 1, seed: 3, workers: 1 };
    const fresh = await fitClassDensities(one, options);
    const warm = await fitClassDensities(one, options, { startFrom: [singletons] });
    // One sweep of blocks of 4 cannot merge 60 singletons down to the handful a K0 = 6 start keeps.
    expect(fresh.classes[0].diagnostics.clusterCounts[0][0]).toBeLessThanOrEqual(8);
    expect(warm.classes[0].diagnostics.clusterCounts[0][0]).toBeGreaterThan(15);
    // Same partition and α, same seed: the same chain.
    const again = await fitClassDensities(one, options, { startFrom: [singletons] });
    expect(again.classes[0].finalStates[0].assignments).toEqual(warm.classes[0].finalStates[0].assignments);
  });

  it('rejects a start of the wrong length, negative labels, a bad α, and the sub-cluster sampler', async () => {
    const n = classes[0].n;
    const good = { assignments: new Int32Array(n), alpha: 1 };
    const options = { iterations: 2, burnIn: 0, thin: 1, workers: 1 };
    await expect(fitClassDensities(classes, options, { startFrom: [{ ...good, assignments: new Int32Array(n - 1) }] })).rejects.toThrow(/hooks\.startFrom\[0\].*60 labels/);
    await expect(fitClassDensities(classes, options, { startFrom: [{ ...good, assignments: new Int32Array(n).fill(-1) }] })).rejects.toThrow(InvalidArgumentError);
    await expect(fitClassDensities(classes, options, { startFrom: [{ ...good, alpha: 0 }] })).rejects.toThrow(/alpha/);
    await expect(fitClassDensities(classes, { ...options, sampler: 'subcluster' }, { startFrom: [good] })).rejects.toThrow(/collapsed sampler/);
  });
});

describe('fitClassDensities dropTraceFactors', () => {
  it('empties the traces’ means and factors but gives the same mixtures, assignments and diagnostics', async () => {
    const options = { ...OPTIONS, workers: 1 };
    const full = await fitClassDensities(classes, options);
    const lean = await fitClassDensities(classes, options, { dropTraceFactors: true });
    expect(lean.predictive).toEqual(full.predictive);
    expect(lean.classes.map((c) => c.diagnostics)).toEqual(full.classes.map((c) => c.diagnostics));
    expect(lean.classes[0].traces.map((t) => Array.from(t.assignments))).toEqual(full.classes[0].traces.map((t) => Array.from(t.assignments)));
    expect(lean.classes.every((c) => c.traces.every((t) => t.cholPsi.length === 0 && t.means.length === 0))).toBe(true);
    expect(full.classes[0].traces[0].cholPsi.length).toBe(full.classes[0].traces[0].clusterCount * d * d);
  });
});
