import { restoreRng } from '../rng/index.ts';
import { ClusterPool } from './cluster-pool.ts';
import { type ChainSettings, GibbsChain, poolFromLabels } from './collapsed-gibbs.ts';
import type { NiwPrior } from './niw-prior.ts';
import { niwPosteriorBatch } from './niw-posterior.ts';
import type { ChainCheckpoint, ClassTrace } from './types.ts';

/** Point labels 0..K−1 in the sampler's cluster order, [n]. */
export function positionLabels(pool: ClusterPool): Int32Array {
  const positionOfSlot = new Int32Array(pool.capacity).fill(-1);
  for (let p = 0; p < pool.size; p++) positionOfSlot[pool.order[p]] = p;
  const labels = new Int32Array(pool.n);
  for (let i = 0; i < pool.n; i++) labels[i] = positionOfSlot[pool.assignment[i]];
  return labels;
}

/**
 * The chain's current state as a kept trace. Cluster parameters are recomputed
 * from the members with the batch formulas (B.3), so a trace is a pure function
 * of (assignments, α) — which is what lets a checkpoint store traces compactly.
 * @param sweep index of the sweep just completed (0-based)
 */
export function traceOf(chain: GibbsChain, sweep: number): ClassTrace {
  const labels = positionLabels(chain.pool);
  return traceFromAssignments(chain.prior, chain.points, sweep, chain.alpha, labels, chain.pool.size);
}

/** Builds a trace from labels 0..K−1 [n] (batch NIW posteriors). */
export function traceFromAssignments(
  prior: NiwPrior,
  points: Float64Array,
  sweep: number,
  alpha: number,
  assignments: Int32Array,
  clusterCount: number,
): ClassTrace {
  const d = prior.d;
  const n = assignments.length;
  const counts = new Int32Array(clusterCount);
  for (let i = 0; i < n; i++) counts[assignments[i]]++;
  const starts = new Int32Array(clusterCount + 1);
  for (let k = 0; k < clusterCount; k++) starts[k + 1] = starts[k] + counts[k];
  const members = new Int32Array(n);
  const fill = starts.slice(0, clusterCount);
  for (let i = 0; i < n; i++) members[fill[assignments[i]]++] = i;
  const means = new Float64Array(clusterCount * d);
  const cholPsi = new Float64Array(clusterCount * d * d);
  const scratch = new Float64Array(d * d);
  for (let k = 0; k < clusterCount; k++) {
    const own = members.subarray(starts[k], starts[k + 1]);
    niwPosteriorBatch(prior, points, own, own.length, means, k * d, cholPsi, k * d * d, scratch);
  }
  return { sweep, alpha, assignments, clusterCount, counts, means, cholPsi };
}

/** Exact resumable state of a chain (cluster stats included, in label order). */
export function checkpointOf(chain: GibbsChain): ChainCheckpoint {
  const { pool } = chain;
  const d = chain.prior.d;
  const means = new Float64Array(pool.size * d);
  const cholPsi = new Float64Array(pool.size * d * d);
  for (let p = 0; p < pool.size; p++) {
    const slot = pool.order[p];
    means.set(pool.means.subarray(slot * d, (slot + 1) * d), p * d);
    cholPsi.set(pool.chol.subarray(slot * d * d, (slot + 1) * d * d), p * d * d);
  }
  return {
    sweep: chain.completedSweeps,
    alpha: chain.alpha,
    assignments: positionLabels(pool),
    permutation: chain.permutation.slice(),
    rng: chain.rng.state(),
    means,
    cholPsi,
  };
}

/** Continues a chain from `checkpoint` (bit-for-bit when it carries `means`/`cholPsi`). */
export function restoreChain(
  points: Float64Array,
  n: number,
  prior: NiwPrior,
  settings: ChainSettings,
  checkpoint: ChainCheckpoint,
): GibbsChain {
  const pool = poolFromLabels(points, n, prior, checkpoint.assignments);
  const { means, cholPsi } = checkpoint;
  const d = prior.d;
  if (means !== undefined && cholPsi !== undefined) {
    // poolFromLabels creates label k in slot order[k]; overwrite its batch stats with the exact ones.
    for (let p = 0; p < pool.size; p++) {
      const slot = pool.order[p];
      pool.means.set(means.subarray(p * d, (p + 1) * d), slot * d);
      pool.chol.set(cholPsi.subarray(p * d * d, (p + 1) * d * d), slot * d * d);
      pool.refreshHalfLogDet(slot);
    }
  }
  return new GibbsChain(points, n, prior, settings, restoreRng(checkpoint.rng), {
    alpha: checkpoint.alpha,
    permutation: checkpoint.permutation.slice(),
    pool,
    completedSweeps: checkpoint.sweep,
  });
}
