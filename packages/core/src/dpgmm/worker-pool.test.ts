import { afterEach, describe, expect, it } from 'vitest';
import { fitClassDensities, type FitResult } from './fit.ts';
import { blobs, classData } from './testing/fixtures.ts';
import type { ClassData } from './types.ts';
import { createSamplerWorkerPool, type SamplerWorkerPool, type WorkerLease } from './worker-pool.ts';

const d = 4;
const classes: ClassData[] = [60, 45, 70].map((n, c) => classData(c, blobs(n, d, 2, 4, 30 + c).points, n));
const other: ClassData[] = [80, 50].map((n, c) => classData(c, blobs(n, d, 3, 4, 50 + c).points, n));
const OPTIONS = { iterations: 30, burnIn: 10, thin: 5, chains: 2, seed: 0, workers: 2 };

/** Everything a fit produces that must be reproducible (timings excluded). */
function fingerprint(result: FitResult): unknown {
  return result.classes.map((c) => ({
    traces: c.traces.map((t) => [t.sweep, t.alpha, Array.from(t.assignments), Array.from(t.counts), Array.from(t.means), Array.from(t.cholPsi)]),
    diagnostics: c.diagnostics,
    finalStates: c.finalStates.map((s) => [s.alpha, Array.from(s.assignments)]),
  }));
}

const pools: SamplerWorkerPool[] = [];
function pool(workers?: number): SamplerWorkerPool {
  const made = createSamplerWorkerPool({ workers });
  pools.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.dispose()));
});

describe('SamplerWorkerPool', () => {
  it('gives fits identical to fits on threads of their own, reusing its threads across fits', async () => {
    const fresh = await fitClassDensities(classes, OPTIONS);
    const shared = pool(2);
    await fitClassDensities(other, { ...OPTIONS, seed: 9 }, { workerPool: shared });
    const second = await fitClassDensities(classes, OPTIONS, { workerPool: shared });
    const third = await fitClassDensities(classes, OPTIONS, { workerPool: shared });
    expect(shared.started).toBe(2);
    expect(fingerprint(second)).toEqual(fingerprint(fresh));
    expect(fingerprint(third)).toEqual(fingerprint(fresh));
  });

  it('an idle worker holds none of its last fit (points and chains dropped at release)', async () => {
    const n = 6000;
    const big = [0, 1].map((c) => classData(c, blobs(n, 16, 3, 4, 70 + c).points, n));
    const shared = pool(2);
    await fitClassDensities(big, { iterations: 2, burnIn: 0, thin: 1, chains: 1, seed: 1, workers: 2 }, { workerPool: shared });
    const idle = await shared.idleMemory();
    expect(idle).toHaveLength(2);
    // Each worker held a class of 6000 × 16 float64s (768 kB) plus its chain; what stays is the wasm kernels' memory.
    const pointsBytes = n * 16 * 8;
    for (const memory of idle) expect(memory.arrayBuffers).toBeLessThan(pointsBytes);
  });

  it('an aborted fit rejects with AbortError as before and leaves its threads reusable', async () => {
    const fresh = await fitClassDensities(classes, OPTIONS);
    const shared = pool(2);
    const controller = new AbortController();
    const run = fitClassDensities(classes, OPTIONS, {
      workerPool: shared,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.sweep === 5) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const after = await fitClassDensities(classes, OPTIONS, { workerPool: shared });
    expect(shared.started).toBe(2);
    expect(fingerprint(after)).toEqual(fingerprint(fresh));
  });

  it('a thread that dies fails its lease and is replaced by a fresh one', async () => {
    const shared = pool(2);
    const failures: Error[] = [];
    const lease: WorkerLease = { message: () => {}, failure: (error) => failures.push(error) };
    const [first, second] = shared.acquire(2, () => lease);
    await first.thread.terminate(); // as a crash would end it
    expect(failures).toHaveLength(1);
    expect(failures[0].message).toMatch(/^fit worker 0 exited with code \d+$/);
    await shared.release([first, second], true);
    const fresh = await fitClassDensities(classes, OPTIONS);
    const refit = await fitClassDensities(classes, OPTIONS, { workerPool: shared });
    expect(shared.started).toBe(3); // worker 1 reused, worker 2 started in place of 0
    expect(fingerprint(refit)).toEqual(fingerprint(fresh));
  });

  it('disposing fails a running fit clearly; a disposed pool refuses new fits', async () => {
    const shared = pool(2);
    const run = fitClassDensities(classes, OPTIONS, {
      workerPool: shared,
      onProgress: (p) => {
        if (p.sweep === 3) void shared.dispose();
      },
    });
    await expect(run).rejects.toThrow('the sampler worker pool was disposed during the fit');
    await expect(fitClassDensities(classes, OPTIONS, { workerPool: shared })).rejects.toThrow('the sampler worker pool is disposed');
  });

  it('keeps at most `workers` idle threads', async () => {
    const shared = pool(1);
    await fitClassDensities(classes, OPTIONS, { workerPool: shared });
    expect(await shared.idleMemory()).toHaveLength(1);
  });
});
