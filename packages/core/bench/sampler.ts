/**
 * Sampler benchmark: the block collapsed Gibbs sampler (typed-array kernels, lock-step
 * over classes, worker threads) on a synthetic paper-shaped layer, and the same
 * sampler written plainly in NumPy (bench/numpy_cgs.py) on the same data.
 *
 *   npx tsx bench/sampler.ts [--classes 100] [--points 500] [--dim 64] [--sweeps 20]
 *                            [--workers N] [--numpy-classes 5] [--numpy-sweeps 2]
 * prints one JSON line per implementation, then the per-sweep ratio. `--numpy-classes 0` skips NumPy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fitClassDensities } from '../src/dpgmm/index.ts';
import { writeNpyFile } from '../src/io/index.ts';
import { stackLayer, syntheticLayer } from './sampler-data.ts';

export interface SamplerBenchOptions {
  readonly classes: number;
  readonly points: number;
  readonly dim: number;
  readonly sweeps: number;
  readonly workers?: number;
  readonly seed?: number;
}

export interface SamplerBenchResult {
  readonly seconds: number;
  /** CPU seconds of the whole process (all threads) during the fit: the number to trust on a shared machine. */
  readonly cpuSeconds: number;
  /** Wall time per lock-step sweep of the whole layer (all classes). */
  readonly perSweepMs: number;
  /** Mean cluster count per class after the last sweep. */
  readonly meanClusters: number;
  readonly backend: 'typed-array';
  readonly workers: number;
}

/** Times `fitClassDensities` for `sweeps` sweeps on a synthetic layer (paper defaults otherwise). */
export async function benchSampler(options: SamplerBenchOptions): Promise<SamplerBenchResult> {
  const layer = syntheticLayer(options);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await fitClassDensities(layer, {
    iterations: options.sweeps,
    burnIn: options.sweeps - 1,
    thin: 1,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const meanClusters = result.classes.reduce((s, c) => s + c.diagnostics.clusterCounts[0].at(-1)!, 0) / layer.length;
  return { seconds, cpuSeconds, perSweepMs: (seconds * 1000) / options.sweeps, meanClusters, backend: 'typed-array', workers: result.options.workers };
}

/** Runs bench/numpy_cgs.py on the first `classes` classes of the same layer; per-sweep ms scaled to all classes. */
export async function benchNumpy(options: SamplerBenchOptions & { numpyClasses: number; numpySweeps: number }): Promise<{ perSweepMs: number; measuredClasses: number; meanClusters: number }> {
  const layer = syntheticLayer(options).slice(0, options.numpyClasses);
  const dir = mkdtempSync(join(tmpdir(), 'classfit-bench-'));
  try {
    const file = join(dir, 'layer.npy');
    await writeNpyFile(file, { dtype: 'float64', shape: [layer.length * options.points, options.dim], data: stackLayer(layer) });
    const script = fileURLToPath(new URL('./numpy_cgs.py', import.meta.url));
    const out = execFileSync('/usr/bin/python3', [script, file, String(options.points), String(options.numpySweeps)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    const parsed = JSON.parse(out.trim().split('\n').at(-1)!) as { perSweepMs: number; classes: number; meanClusters: number };
    return { perSweepMs: (parsed.perSweepMs * options.classes) / parsed.classes, measuredClasses: parsed.classes, meanClusters: parsed.meanClusters };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The number after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = { classes: arg('classes', 100), points: arg('points', 500), dim: arg('dim', 64), sweeps: arg('sweeps', 20) };
  const workers = arg('workers', 0);
  const ts = await benchSampler({ ...options, ...(workers > 0 ? { workers } : {}) });
  console.log(JSON.stringify({ implementation: 'classfit', ...options, ...ts }));
  const numpyClasses = arg('numpy-classes', 5);
  if (numpyClasses > 0) {
    const np = await benchNumpy({ ...options, numpyClasses, numpySweeps: arg('numpy-sweeps', 2) });
    console.log(JSON.stringify({ implementation: 'numpy', ...options, ...np, note: `measured on ${np.measuredClasses} classes, single thread, scaled to ${options.classes}` }));
    console.log(JSON.stringify({ ratioNumpyOverClassfitPerSweep: np.perSweepMs / ts.perSweepMs }));
  }
}
