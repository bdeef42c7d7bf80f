/**
 * Sub-cluster vs collapsed sampler on a paper-scale synthetic layer (bench/sampler-data.ts: the real-shaped
 * layer by default, `--legacy` for the earlier one), in one run:
 *  - per-sweep wall time of the whole layer (all classes in lock-step), same workers;
 *  - time to equal quality: both samplers record the same diagnostic after every sweep, the collapsed joint
 *    ln p(x, c | α) of the current partition. The target is the collapsed sampler's own level over its last
 *    quarter of sweeps (summed over classes); a sampler's time to quality is the first sweep at which the
 *    layer's summed diagnostic comes within `tolerance` nats/point of that target, times its per-sweep time.
 *
 *   npx tsx bench/subcluster.ts [--classes 100] [--points 500] [--dim 64] [--sweeps 120] [--workers N] [--legacy]
 */
import { fileURLToPath } from 'node:url';
import { fitClassDensities, type FitResult } from '../src/dpgmm/index.ts';
import { arg, type LayerShape } from './sampler.ts';
import { realShapedLayer, syntheticLayer } from './sampler-data.ts';

export interface SubclusterBenchOptions {
  readonly classes: number;
  readonly points: number;
  readonly dim: number;
  readonly sweeps: number;
  readonly workers?: number;
  /** 'real' (default): `realShapedLayer`; 'legacy': `syntheticLayer`. */
  readonly shape?: LayerShape;
  /** nats per point below the target that still count as reached (default 0.05). */
  readonly tolerance?: number;
}

export interface SamplerRun {
  readonly perSweepMs: number;
  /** First sweep (1-based) whose summed diagnostic reaches the target; null when it never does. */
  readonly sweepsToQuality: number | null;
  readonly msToQuality: number | null;
  /** Mean cluster count per class over the last quarter of sweeps. */
  readonly meanClusters: number;
  /** Summed diagnostic over the last quarter of sweeps, nats per point. */
  readonly finalLogLikelihoodPerPoint: number;
}

export interface SubclusterBenchResult {
  readonly layer: { classes: number; points: number; dim: number; sweeps: number };
  readonly workers: number;
  readonly targetPerPoint: number;
  readonly collapsed: SamplerRun;
  readonly subcluster: SamplerRun;
  /** subcluster / collapsed */
  readonly perSweepRatio: number;
  readonly timeToQualityRatio: number | null;
}

/** Layer-summed diagnostic after every sweep (chain 0 of every class). */
function summedTrajectory(fit: FitResult): number[] {
  const sweeps = fit.classes[0].diagnostics.logLikelihoods[0].length;
  return Array.from({ length: sweeps }, (_, s) => fit.classes.reduce((sum, c) => sum + c.diagnostics.logLikelihoods[0][s], 0));
}

function tailMean(values: number[]): number {
  const tail = values.slice(Math.floor(values.length * 0.75));
  return tail.reduce((a, b) => a + b, 0) / tail.length;
}

export async function benchSubcluster(options: SubclusterBenchOptions): Promise<SubclusterBenchResult> {
  const layer = options.shape === 'legacy' ? syntheticLayer(options) : realShapedLayer(options);
  const totalPoints = options.classes * options.points;
  const tolerance = options.tolerance ?? 0.05;
  const fits: Record<'collapsed' | 'subcluster', FitResult> = {} as never;
  for (const sampler of ['collapsed', 'subcluster'] as const) {
    fits[sampler] = await fitClassDensities(layer, {
      sampler,
      iterations: options.sweeps,
      burnIn: options.sweeps - 1,
      thin: 1,
      seed: 1,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    });
  }
  const target = tailMean(summedTrajectory(fits.collapsed));
  const run = (fit: FitResult): SamplerRun => {
    const trajectory = summedTrajectory(fit);
    const at = trajectory.findIndex((v) => v >= target - tolerance * totalPoints);
    const perSweepMs = fit.timingsMs.perSweep;
    const counts = fit.classes.map((c) => tailMean(c.diagnostics.clusterCounts[0]));
    return {
      perSweepMs,
      sweepsToQuality: at < 0 ? null : at + 1,
      msToQuality: at < 0 ? null : (at + 1) * perSweepMs,
      meanClusters: counts.reduce((a, b) => a + b, 0) / counts.length,
      finalLogLikelihoodPerPoint: tailMean(trajectory) / totalPoints,
    };
  };
  const collapsed = run(fits.collapsed);
  const subcluster = run(fits.subcluster);
  return {
    layer: { classes: options.classes, points: options.points, dim: options.dim, sweeps: options.sweeps },
    workers: fits.collapsed.options.workers,
    targetPerPoint: target / totalPoints,
    collapsed,
    subcluster,
    perSweepRatio: subcluster.perSweepMs / collapsed.perSweepMs,
    timeToQualityRatio: collapsed.msToQuality !== null && subcluster.msToQuality !== null ? subcluster.msToQuality / collapsed.msToQuality : null,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const workers = arg('workers', 0);
  const result = await benchSubcluster({
    classes: arg('classes', 100),
    points: arg('points', 500),
    dim: arg('dim', 64),
    sweeps: arg('sweeps', 120),
    shape: process.argv.includes('--legacy') ? 'legacy' : 'real',
    ...(workers > 0 ? { workers } : {}),
  });
  console.log(JSON.stringify(result, null, 2));
}
