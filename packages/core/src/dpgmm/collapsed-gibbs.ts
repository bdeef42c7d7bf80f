import { logDetFromCholesky } from '../linalg/cholesky.ts';
import type { KernelKind } from '../linalg/wasm/kernel-heap.ts';
import type { Rng } from '../rng/index.ts';
import { type AlphaPrior, initialAlpha, updateAlpha } from './alpha-update.ts';
import { BlockScorer } from './block-scorer.ts';
import { ClusterPool } from './cluster-pool.ts';
import type { NiwPrior } from './niw-prior.ts';
import { studentTTables, type StudentTTables } from './student-t-tables.ts';
import type { DpgmmVariants } from './types.ts';

/** Settings of one chain (a subset of FitOptions). */
export interface ChainSettings {
  readonly blockSize: number;
  readonly initialClusters: number;
  readonly alphaPrior: AlphaPrior;
  readonly variants: Pick<DpgmmVariants, 'alphaUpdate' | 'alphaInit' | 'alphaTiming'>;
  /**
   * 'leave-out' (default): points that stay in their cluster are never downdated
   * and re-added; their leave-block-out predictive comes from `BlockScorer.leaveOut`.
   * 'downdate': METHOD B.7 literally (remove the block, score, add back). Both are
   * the same sampler; they differ only in rounding.
   */
  readonly route?: 'leave-out' | 'downdate';
  /**
   * Reuse ‖L_k⁻¹(x_i − m_k)‖² from point i's previous scoring while cluster k is
   * unchanged since (default true). The reused number is the one the solve would
   * produce again, bit for bit, so draws are unchanged; only the time is saved.
   */
  readonly cache?: boolean;
  /** Implementation of the hot kernels (default `defaultKernels()`); results are bit-identical either way. */
  readonly kernels?: KernelKind;
}

/**
 * One chain of the block collapsed Gibbs sampler for one class (METHOD B.6, B.7, C).
 * `sweep()` is one pass over the class in blocks of b points; by default a block
 * uses the α from before that block's α update (METHOD C: the parallel script the
 * paper ran); `variants.alphaTiming: 'updated'` gives the B.7 order instead.
 */
export class GibbsChain {
  alpha: number;
  completedSweeps = 0;
  readonly permutation: Int32Array;
  readonly pool: ClusterPool;
  private readonly tables: StudentTTables;
  /** log St(x_i | prior predictive), fixed for the whole run. */
  readonly priorLogPdf: Float64Array;
  private readonly scorer: BlockScorer;
  private readonly block: Int32Array;
  private readonly blockSlot: Int32Array;
  private readonly choice: Int32Array;
  private readonly members: Int32Array;
  private readonly moved: Uint8Array;
  private candidateSlot = new Int32Array(0);
  /** Per block lane, log weights of the candidates then the new cluster [capacity + 1]. */
  private logWeightRows: Float64Array[] = [];
  /** [n, cacheStride]: ‖L_s⁻¹(x_i − m_s)‖² and the stamp of slot s it was computed at (0 = none). */
  private cacheSq = new Float64Array(0);
  private cacheStamp = new Int32Array(0);
  private cacheStride = 0;
  private readonly cachedSq: Float64Array;

  constructor(
    readonly points: Float64Array,
    readonly n: number,
    readonly prior: NiwPrior,
    readonly settings: ChainSettings,
    readonly rng: Rng,
    state: { alpha: number; permutation: Int32Array; pool: ClusterPool; completedSweeps: number },
  ) {
    this.alpha = state.alpha;
    this.permutation = state.permutation;
    this.pool = state.pool;
    this.completedSweeps = state.completedSweeps;
    this.tables = studentTTables(prior, n);
    const b = settings.blockSize;
    this.scorer = new BlockScorer(prior.d, b, settings.kernels);
    this.block = new Int32Array(this.scorer.lanes);
    this.blockSlot = new Int32Array(b);
    this.choice = new Int32Array(b);
    this.members = new Int32Array(b);
    this.moved = new Uint8Array(b);
    this.cachedSq = new Float64Array(b);
    this.priorLogPdf = this.computePriorLogPdf();
  }

  /**
   * B.6: every point uniformly to one of min(n, K0) clusters (in index order),
   * empty ones dropped, statistics from the batch formulas; then α_init (B.2).
   */
  static initialise(points: Float64Array, n: number, prior: NiwPrior, settings: ChainSettings, rng: Rng): GibbsChain {
    const k0 = Math.min(n, settings.initialClusters);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = rng.integer(k0);
    const pool = poolFromLabels(points, n, prior, labels);
    const alpha = initialAlpha(rng, settings.alphaPrior, settings.variants.alphaInit);
    const permutation = new Int32Array(n);
    for (let i = 0; i < n; i++) permutation[i] = i;
    return new GibbsChain(points, n, prior, settings, rng, { alpha, permutation, pool, completedSweeps: 0 });
  }

  get clusterCount(): number {
    return this.pool.size;
  }

  get blockCount(): number {
    return Math.ceil(this.n / this.settings.blockSize);
  }

  /** One full sweep: every block in the current permutation, then reshuffle (B.7.1). */
  sweep(): void {
    for (let j = 0; j < this.blockCount; j++) this.runBlock(j);
    this.endSweep();
  }

  /** Reshuffles the permutation and counts the sweep (call after the last block). */
  endSweep(): void {
    this.rng.shuffle(this.permutation);
    this.completedSweeps++;
  }

  /** Block j of the current sweep: α update, leave-block-out scoring, draws, moves. */
  runBlock(j: number): void {
    const { pool, settings, block, blockSlot, choice } = this;
    const start = j * settings.blockSize;
    const count = Math.min(settings.blockSize, this.n - start);
    for (let b = 0; b < count; b++) {
      block[b] = this.permutation[start + b];
      blockSlot[b] = pool.assignment[block[b]];
    }
    const previous = this.alpha;
    this.alpha = updateAlpha(this.rng, this.alpha, pool.size, this.n, settings.alphaPrior, settings.variants.alphaUpdate);
    const alphaUsed = settings.variants.alphaTiming === 'updated' ? this.alpha : previous;
    this.ensureCapacity();
    if (settings.route === 'downdate') {
      for (let b = 0; b < count; b++) pool.remove(blockSlot[b], block[b]);
    }
    const candidates = this.score(count, alphaUsed, settings.route === 'downdate');
    for (let b = 0; b < count; b++) choice[b] = this.rng.categoricalLog(this.logWeightRows[b], candidates + 1);
    this.move(count, candidates);
  }

  /** Fills logWeightRows[b][c] for the candidates c and the new cluster; returns the candidate count. */
  private score(count: number, alphaUsed: number, removed: boolean): number {
    const { pool, scorer, tables, block, blockSlot, members, points } = this;
    const d = this.prior.d;
    const lw = this.logWeightRows;
    scorer.gather(points, block, count);
    let c = 0;
    for (let p = 0; p < pool.size; p++) {
      const slot = pool.order[p];
      let r = 0;
      if (!removed) for (let b = 0; b < count; b++) if (blockSlot[b] === slot) members[r++] = b;
      const nk = pool.counts[slot] - r;
      if (nk === 0) continue;
      let half = pool.halfLogDet[slot];
      let maha: Float64Array;
      if (r === 0 && this.cacheHit(slot, count)) {
        maha = this.cachedSq;
      } else {
        scorer.solveCluster(pool, slot, count);
        maha = scorer.sq; // read after the call: a scorer's views may be re-made by it
        this.cacheStore(slot, count);
      }
      if (r > 0) {
        const kappa = this.prior.kappa0 + pool.counts[slot];
        half = scorer.leaveOut(half, kappa, members, r, count);
        if (Number.isNaN(half)) {
          half = scorer.leaveOutByDowndate(points, block, pool.chol, slot * d * d, pool.means, slot * d, kappa, members, r, count);
        }
        maha = scorer.maha;
      }
      const base = tables.logCount[nk] + tables.constant[nk] - half;
      const e = tables.exponent[nk];
      const s = tables.shrink[nk];
      for (let b = 0; b < count; b++) lw[b][c] = base - e * Math.log1p(s * maha[b]);
      this.candidateSlot[c++] = slot;
    }
    const logAlpha = Math.log(alphaUsed);
    for (let b = 0; b < count; b++) lw[b][c] = logAlpha + this.priorLogPdf[block[b]];
    return c;
  }

  /**
   * Applies the draws: movers leave their clusters (emptied ones are deleted), then
   * all "new" choices share ONE new cluster (B.7.2.4), then movers join. A deleted
   * slot may be reused by the new cluster, hence the explicit `moved` flags.
   */
  private move(count: number, candidates: number): void {
    const { pool, block, blockSlot, choice, moved } = this;
    const removed = this.settings.route === 'downdate';
    let anyNew = false;
    for (let b = 0; b < count; b++) {
      if (choice[b] === candidates) {
        anyNew = true;
        choice[b] = -1;
      } else {
        choice[b] = this.candidateSlot[choice[b]];
      }
      moved[b] = removed || choice[b] !== blockSlot[b] ? 1 : 0;
      if (!removed && moved[b]) pool.remove(blockSlot[b], block[b]);
    }
    const fresh = anyNew ? pool.create() : -1;
    for (let b = 0; b < count; b++) if (moved[b]) pool.add(choice[b] === -1 ? fresh : choice[b], block[b]);
  }

  /** True (and `cachedSq` filled) when every block point's cached term for `slot` is current. */
  private cacheHit(slot: number, count: number): boolean {
    if (this.settings.cache === false) return false;
    const stamp = this.pool.stamp[slot];
    const stride = this.cacheStride;
    for (let b = 0; b < count; b++) {
      const at = this.block[b] * stride + slot;
      if (this.cacheStamp[at] !== stamp) return false;
      this.cachedSq[b] = this.cacheSq[at];
    }
    return true;
  }

  private cacheStore(slot: number, count: number): void {
    if (this.settings.cache === false) return;
    const stamp = this.pool.stamp[slot];
    const stride = this.cacheStride;
    for (let b = 0; b < count; b++) {
      const at = this.block[b] * stride + slot;
      this.cacheStamp[at] = stamp;
      this.cacheSq[at] = this.scorer.sq[b];
    }
  }

  private ensureCapacity(): void {
    // A block can create one cluster: make room first so slots and strides stay put while scoring.
    if (this.pool.size + 1 > this.pool.capacity) this.pool.reserve(this.pool.size + 1);
    this.scorer.reserve(this.pool.capacity);
    if (this.cacheStride !== this.pool.capacity && this.settings.cache !== false) {
      // Slots keep their numbers when the pool grows; the old entries are simply dropped.
      this.cacheStride = this.pool.capacity;
      this.cacheSq = new Float64Array(this.n * this.cacheStride);
      this.cacheStamp = new Int32Array(this.n * this.cacheStride);
    }
    const stride = this.pool.capacity + 1;
    if (this.candidateSlot.length < stride) {
      this.logWeightRows = Array.from({ length: this.settings.blockSize }, () => new Float64Array(stride));
      this.candidateSlot = new Int32Array(stride);
    }
  }

  private computePriorLogPdf(): Float64Array {
    const { prior, n, points, tables } = this;
    const d = prior.d;
    const out = new Float64Array(n);
    const half = logDetFromCholesky(prior.cholPsi, d) / 2;
    const single = this.scorer;
    const idx = new Int32Array(single.lanes);
    for (let i = 0; i < n; i += 4) {
      const count = Math.min(4, n - i);
      for (let b = 0; b < count; b++) idx[b] = i + b;
      single.gather(points, idx, count);
      single.solve(prior.cholPsi, 0, prior.mean, 0, count);
      for (let b = 0; b < count; b++) {
        out[i + b] = tables.constant[0] - half - tables.exponent[0] * Math.log1p(tables.shrink[0] * single.sq[b]);
      }
    }
    return out;
  }
}

/** Builds a pool whose clusters are labels 0..max in order (empty labels dropped), stats by batch formulas. */
export function poolFromLabels(points: Float64Array, n: number, prior: NiwPrior, labels: Int32Array): ClusterPool {
  let maxLabel = -1;
  for (let i = 0; i < n; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const pool = new ClusterPool(prior, points, n, Math.max(16, maxLabel + 2));
  const slotOf = new Int32Array(maxLabel + 1).fill(-1);
  const seen = new Uint8Array(maxLabel + 1);
  for (let i = 0; i < n; i++) seen[labels[i]] = 1;
  for (let k = 0; k <= maxLabel; k++) if (seen[k]) slotOf[k] = pool.create();
  for (let i = 0; i < n; i++) pool.assignOnly(slotOf[labels[i]], i);
  for (let p = 0; p < pool.size; p++) pool.rebuild(pool.order[p]);
  return pool;
}
