/**
 * Sampler benchmark: the block collapsed Gibbs sampler (typed-array kernels, lock-step
 * over classes, worker threads) on a synthetic layer with real cluster counts (`--legacy`: the
 * earlier ≈ 6-cluster layer), and the same sampler vectorised in NumPy (bench/numpy_cgs.py) on the same data.
 *
 *   npx tsx bench/sampler.ts [--classes 100] [--points 500] [--dim 64] [--sweeps 20]
 *                            [--workers N] [--numpy-classes 5] [--numpy-sweeps 2] [--legacy]
 * prints one JSON line per implementation, then the per-sweep ratio. `--numpy-classes 0` skips NumPy.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fitClassDensities } from '../src/dpgmm/index.ts';
import { writeNpyFile } from '../src/io/index.ts';
import { realShapedLayer, stackLayer, syntheticLayer } from './sampler-data.ts';

/** 'real': cluster counts in the real range (issue 13); 'legacy': the earlier layer (≈ 6 clusters/class). */
export type LayerShape = 'real' | 'legacy';

export interface SamplerBenchOptions {
  readonly classes: number;
  readonly points: number;
  readonly dim: number;
  readonly sweeps: number;
  readonly workers?: number;
  readonly seed?: number;
  readonly shape?: LayerShape;
}

/** Cluster counts over classes at one sweep. */
export interface ClusterCountSummary {
  readonly sweep: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The sweeps at which cluster counts are reported (1-based), up to `sweeps`. */
export function countCheckpoints(sweeps: number): number[] {
  return [...new Set([1, 10, 50, 100, 200, 400, sweeps].filter((s) => s <= sweeps))].sort((a, b) => a - b);
}

/** min / median / max over classes of the cluster count after each checkpoint sweep; `counts[c][s]` is class c after sweep s+1. */
export function summariseCounts(counts: readonly (readonly number[])[], sweeps: number): ClusterCountSummary[] {
  return countCheckpoints(sweeps).map((sweep) => countSummary(sweep, counts.map((c) => c[sweep - 1])));
}

/** min / median / max of one sweep's per-class cluster counts. */
function countSummary(sweep: number, perClass: readonly number[]): ClusterCountSummary {
  const at = [...perClass].sort((a, b) => a - b);
  const mid = at.length >> 1;
  return { sweep, min: at[0], median: at.length % 2 ? at[mid] : (at[mid - 1] + at[mid]) / 2, max: at.at(-1)! };
}

/** `min/median/max` per checkpoint, e.g. "@1 6/6/7 · @400 11/15/18". */
export function formatCounts(summary: readonly ClusterCountSummary[]): string {
  return summary.map((s) => `@${s.sweep} ${s.min}/${s.median}/${s.max}`).join(' · ');
}

/** The benchmark layer of the given shape. */
export function benchLayer(options: SamplerBenchOptions) {
  return (options.shape ?? 'real') === 'real' ? realShapedLayer(options) : syntheticLayer(options);
}

export interface SamplerBenchResult {
  readonly seconds: number;
  /** CPU seconds of the whole process (all threads) during the fit: the number to trust on a shared machine. */
  readonly cpuSeconds: number;
  /** Wall time per lock-step sweep of the whole layer (all classes). */
  readonly perSweepMs: number;
  /** Mean cluster count per class after the last sweep. */
  readonly meanClusters: number;
  /** Wall time per class per sweep (all workers busy). */
  readonly perClassSweepMs: number;
  /** Cluster counts (min/median/max over classes) at the checkpoint sweeps. */
  readonly clusterCounts: ClusterCountSummary[];
  readonly backend: 'typed-array';
  readonly workers: number;
}

/** Times `fitClassDensities` for `sweeps` sweeps on a synthetic layer (paper defaults otherwise). */
export async function benchSampler(options: SamplerBenchOptions): Promise<SamplerBenchResult> {
  const layer = benchLayer(options);
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
  const clusterCounts = summariseCounts(
    result.classes.map((c) => c.diagnostics.clusterCounts[0]),
    options.sweeps,
  );
  const perSweepMs = (seconds * 1000) / options.sweeps;
  return { seconds, cpuSeconds, perSweepMs, perClassSweepMs: perSweepMs / layer.length, meanClusters, clusterCounts, backend: 'typed-array', workers: result.options.workers };
}

export interface NumpyBenchResult {
  /** Per sweep of the whole layer, scaled from the measured classes to all `classes`. */
  readonly perSweepMs: number;
  /** Per class per sweep (1 thread), wall and CPU time. */
  readonly perClassSweepMs: number;
  readonly perClassSweepCpuMs: number;
  readonly measuredClasses: number;
  readonly measuredSweeps: number;
  readonly meanClusters: number;
  readonly clusterCounts: ClusterCountSummary[];
  /** NumPy version, BLAS library and the OpenBLAS kernel that ran (OPENBLAS_VERBOSE=2). */
  readonly blas: string;
}

/**
 * Runs bench/numpy_cgs.py (1 BLAS thread) on the first `numpyClasses` classes of the same layer;
 * OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed for this command only so OpenBLAS picks its
 * kernel for this CPU, and the kernel it reports is returned. `coreType` forces a kernel instead: Debian's
 * OpenBLAS 0.3.21 does not recognise every newer CPU and then falls back to its generic Prescott kernels.
 */
export async function benchNumpy(options: SamplerBenchOptions & { numpyClasses: number; numpySweeps: number; coreType?: string }): Promise<NumpyBenchResult> {
  const layer = benchLayer(options).slice(0, options.numpyClasses);
  const dir = mkdtempSync(join(tmpdir(), 'classfit-bench-'));
  try {
    const file = join(dir, 'layer.npy');
    await writeNpyFile(file, { dtype: 'float64', shape: [layer.length * options.points, options.dim], data: stackLayer(layer) });
    const script = fileURLToPath(new URL('./numpy_cgs.py', import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', OPENBLAS_VERBOSE: '2' };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    if (options.coreType) env.OPENBLAS_CORETYPE = options.coreType;
    const run = spawnSync('/usr/bin/python3', [script, file, String(options.points), String(options.numpySweeps)], { encoding: 'utf8', env });
    if (run.status !== 0) throw new Error(`numpy_cgs.py failed (${run.status}): ${run.stderr}`);
    const parsed = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      perSweepMs: number;
      perSweepCpuMs: number;
      classes: number;
      meanClusters: number;
      clusterCounts: [number, number[]][];
      numpy: string;
      blas: string;
    };
    const kernel = /Core:\s*(\S+)/.exec(run.stderr)?.[1] ?? 'not reported';
    const counts = parsed.clusterCounts.map(([sweep, perClass]) => countSummary(sweep, perClass));
    return {
      perSweepMs: (parsed.perSweepMs * options.classes) / parsed.classes,
      perClassSweepMs: parsed.perSweepMs / parsed.classes,
      perClassSweepCpuMs: parsed.perSweepCpuMs / parsed.classes,
      measuredClasses: parsed.classes,
      measuredSweeps: options.numpySweeps,
      meanClusters: parsed.meanClusters,
      clusterCounts: counts,
      blas: `NumPy ${parsed.numpy}, ${parsed.blas}, OpenBLAS core ${kernel}${options.coreType ? ' (forced)' : ' (detected)'}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text after `--name` on the command line, or `fallback`. */
export function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The number after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const shape: LayerShape = process.argv.includes('--legacy') ? 'legacy' : 'real';
  const options = { classes: arg('classes', 100), points: arg('points', 500), dim: arg('dim', 64), sweeps: arg('sweeps', 20), shape };
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
