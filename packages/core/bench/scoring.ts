/**
 * Scoring benchmark: log p(x | class) of many points under every class of a
 * paper-sized layer (default 100 classes × 20 traces × 5 components, d = 64),
 * on each TensorFlow.js backend and on the exact Float64 kernel.
 *
 * Each kernel scores batches of points until `secondsPerKernel` is spent (or all
 * points are done) and reports rates, so slow kernels stay cheap to measure.
 * Run directly: `npx tsx bench/scoring.ts` prints one JSON line per kernel.
 */
import { pathToFileURL } from 'node:url';
import { scoreSamples, type PredictiveModel, type StudentTComponent } from '../src/density/index.ts';
import { createRng, type Rng } from '../src/rng/index.ts';
import { initBackend } from '../src/tensor/index.ts';

export interface ScoringBenchOptions {
  readonly points?: number;
  readonly classes?: number;
  readonly traces?: number;
  readonly componentsPerTrace?: number;
  readonly dim?: number;
  /** Kernels to time: TensorFlow.js backends and/or 'exact'. */
  readonly kernels?: readonly ('wasm' | 'cpu' | 'tensorflow' | 'tensorflow-gpu' | 'exact')[];
  /** Time budget per kernel, default 20 s. */
  readonly secondsPerKernel?: number;
  /** Largest batch of points per scoring call, default 1024. */
  readonly maxBatch?: number;
}

export interface ScoringBenchResult {
  /** 'exact' or the TensorFlow.js backend name. */
  readonly backend: string;
  readonly pointsScored: number;
  readonly seconds: number;
  readonly pointsPerSecond: number;
  /** (points × all components of all classes) per second. */
  readonly pointComponentsPerSecond: number;
  /** Useful Mahalanobis flops (d² per point-component) per second, in GFLOP/s. */
  readonly gflops: number;
  /** Projected wall time for all `points` at this rate. */
  readonly projectedSecondsForAllPoints: number;
  readonly workload: { points: number; classes: number; traces: number; componentsPerTrace: number; dim: number };
}

/** Times the scoring kernels; see the module comment. */
export async function benchScoring(options: ScoringBenchOptions = {}): Promise<ScoringBenchResult[]> {
  const workload = {
    points: options.points ?? 10_000,
    classes: options.classes ?? 100,
    traces: options.traces ?? 20,
    componentsPerTrace: options.componentsPerTrace ?? 5,
    dim: options.dim ?? 64,
  };
  const rng = createRng(2023, 0);
  const model = syntheticModel(workload, rng);
  const points = Float64Array.from({ length: workload.points * workload.dim }, () => 3 * rng.normal());
  const components = workload.classes * workload.traces * workload.componentsPerTrace;
  const results: ScoringBenchResult[] = [];
  for (const kernel of options.kernels ?? ['wasm', 'cpu', 'exact']) {
    const backend = kernel === 'exact' ? 'exact' : (await initBackend(kernel)).name;
    const score = (start: number, count: number) =>
      scoreSamples(model, points.subarray(start * workload.dim, (start + count) * workload.dim), count, 'reduced', {
        kernel: kernel === 'exact' ? 'exact' : 'tensor',
      });
    await score(0, 4); // warm-up: backend init, kernel compilation, inverse factors
    const budget = (options.secondsPerKernel ?? 20) * 1000;
    const started = performance.now();
    let done = 0;
    // Batches double while one takes under a second, so slow kernels stop near the budget; tensor kernels
    // start at 128 points because each call uploads every inverse factor once.
    let batch = kernel === 'exact' ? 4 : 128;
    while (done < workload.points && performance.now() - started < budget) {
      const count = Math.min(batch, workload.points - done);
      const t0 = performance.now();
      await score(done, count);
      done += count;
      if (performance.now() - t0 < 1000 && batch < (options.maxBatch ?? 1024)) batch *= 2;
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = done / seconds;
    results.push({
      backend,
      pointsScored: done,
      seconds,
      pointsPerSecond: rate,
      pointComponentsPerSecond: rate * components,
      gflops: (rate * components * workload.dim * workload.dim) / 1e9,
      projectedSecondsForAllPoints: workload.points / rate,
      workload,
    });
  }
  return results;
}

/** Random well-conditioned components: L = diag(0.5…2) plus small strictly-lower entries. */
function syntheticModel(w: { classes: number; traces: number; componentsPerTrace: number; dim: number }, rng: Rng): PredictiveModel {
  const d = w.dim;
  const classes = Array.from({ length: w.classes }, (_, c) => {
    const components: StudentTComponent[] = [];
    for (let t = 0; t < w.traces; t++) {
      for (let k = 0; k < w.componentsPerTrace; k++) {
        const scaleTril = new Float64Array(d * d);
        for (let i = 0; i < d; i++) {
          scaleTril[i * d + i] = 0.5 + 1.5 * rng.uniform();
          for (let j = 0; j < i; j++) scaleTril[i * d + j] = 0.05 * rng.normal();
        }
        const loc = Float64Array.from({ length: d }, () => 3 * rng.normal());
        components.push({ weight: 1 / (w.traces * w.componentsPerTrace), df: 3 + 500 * rng.uniform(), loc, scaleTril, trace: t });
      }
    }
    return { label: c, name: `class-${c}`, n: 500, components, reference: { mean: new Float64Array(d), variance: new Float64Array(d).fill(1) } };
  });
  return { dim: d, traceAveraging: 'log', traceCount: w.traces, classes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 20);
  for (const result of await benchScoring({ secondsPerKernel: seconds })) console.log(JSON.stringify(result));
}
