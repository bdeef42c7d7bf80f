import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import type { FitCheckpoint } from './checkpoint.ts';
import { fitClassDensities, type FitProgress, type FitResult } from './fit.ts';
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
    expect(one.predictive.traceCount).toBe(8);
    expect(progress.map((p) => p.sweep)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(Object.isFrozen(one)).toBe(true);
    expect(Object.isFrozen(one.classes[0])).toBe(true);
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
