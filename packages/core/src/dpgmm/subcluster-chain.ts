import { logDetFromCholesky } from '../linalg/cholesky.ts';
import { restoreRng, type Rng } from '../rng/index.ts';
import { lgamma } from '../special/index.ts';
import { type AlphaPrior, initialAlpha, updateAlpha } from './alpha-update.ts';
import { traceFromAssignments } from './chain-state.ts';
import { GaussianScorer } from './gaussian-scores.ts';
import type { NiwPrior } from './niw-prior.ts';
import {
  combineStats,
  logMarginalLikelihood,
  niwPosteriorFromStats,
  type NiwPosteriorParams,
  type NiwStats,
  sampleNiw,
  statsOf,
} from './niw-stats.ts';
import { mergeLogRatio, splitLogRatio } from './subcluster-moves.ts';
import { compact, dirichletLog, drawNonEmptyLabels, groupByLabel } from './subcluster-labels.ts';
import { kMeansLabels, seedSides } from './subcluster-seeding.ts';
import type { ChainCheckpoint, ClassTrace, DpgmmVariants } from './types.ts';

/** Settings of one sub-cluster chain (a subset of FitOptions). */
export interface SubclusterSettings {
  /** K0: how many k-means clusters the chain starts from. */
  readonly initialClusters: number;
  readonly alphaPrior: AlphaPrior;
  readonly variants: Pick<DpgmmVariants, 'alphaUpdate' | 'alphaInit'>;
  /**
   * Restricted Gibbs draws z given (π, θ) only among vectors that keep all K clusters (the conditional of
   * the augmented joint, which is defined only for such z; `drawNonEmptyLabels`) instead of dropping
   * the clusters it empties. Off by default: on its own it does not make the sampler exact (README,
   * "What the sub-cluster sampler is not"; bench/subcluster-exact.ts); on real-shaped layers (500 points,
   * 16-D and 64-D) the step never emptied a cluster, so there it changes nothing.
   */
  readonly keepNonEmpty?: boolean;
}

/**
 * Sweeps a cluster must have existed (since its creation, split or merge) before it takes part in a
 * split or merge proposal: its sub-clusters need a few restricted sweeps to find a useful split
 * (DPMMSubClusters.jl waits for the sub-cluster likelihood to settle, over up to 20 sweeps).
 */
export const SPLIT_MERGE_WAIT_SWEEPS = 5;

/**
 * A cluster whose split keeps being rejected has its sub-clusters re-seeded every this many sweeps: in
 * 64-D the restricted Gibbs sweeps of the two sides rarely leave the split they started from.
 */
export const RESEED_SWEEPS = 20;

/** A set of points (a cluster or one of its sides): statistics, NIW posterior, ln marginal likelihood. */
interface PointSet {
  readonly stats: NiwStats;
  readonly post: NiwPosteriorParams;
  /** ln f(x) of the set (0 when empty) */
  readonly marginal: number;
}

/** A cluster: its two sides and their union. */
interface ClusterState {
  readonly whole: PointSet;
  readonly sides: readonly [PointSet, PointSet];
}

/**
 * One chain of Chang & Fisher's (NIPS 2013) sub-cluster sampler for the DP-GMM with the
 * NIW prior of METHOD B.2, one class. A sweep:
 *  1. α ← the same auxiliary-variable update as the collapsed sampler (given K, n);
 *  2. (π_1..π_K, π_rest) ~ Dir(n_1, …, n_K, α); per cluster (π̄_l, π̄_r) ~ Dir(n_l + α/2, n_r + α/2);
 *  3. θ_k = (μ_k, Σ_k) and the sub-cluster θ̄_kl, θ̄_kr from their NIW posteriors;
 *  4. restricted Gibbs: every z_i ~ π_k N(x_i | θ_k) over the K existing clusters, then
 *     z̄_i ~ π̄_{z_i,s} N(x_i | θ̄_{z_i,s}) — independent across points given the parameters;
 *  5. split proposals of each cluster into its two sub-clusters, accepted with
 *     H = α Γ(n_l) f(x_l) Γ(n_r) f(x_r) / (Γ(n_k) f(x_k)) (f the NIW marginal likelihood);
 *  6. merge proposals of cluster pairs, accepted with the paper's merge ratio
 *     H = Γ(n) f(x) Γ(α) Γ(α/2 + n_i) Γ(α/2 + n_j) / (α Γ(n_i) f(x_i) Γ(n_j) f(x_j) Γ(α/2)² Γ(α + n)).
 * A split cluster's halves get sub-labels seeded by 2-means (`seedSides`); a merged cluster's sub-clusters
 * are its two parts; sides that stay unsplit for RESEED_SWEEPS sweeps are seeded again.
 * Merge pairs are a fresh random pairing of the clusters each sweep (each cluster is proposed once),
 * not all pairs as DPMMSubClusters.jl does: the cost stays linear in K.
 */
export class SubclusterChain {
  alpha: number;
  completedSweeps: number;
  /** keepNonEmpty: whole z vectors drawn again because a cluster came out empty (all sweeps). */
  redraws = 0;
  /** keepNonEmpty: sweeps whose NON_EMPTY_ATTEMPTS draws all emptied a cluster. */
  fallbacks = 0;
  /** Cluster 0..K−1 per point. */
  readonly labels: Int32Array;
  /** Sub-cluster (0/1) per point. */
  readonly sides: Int32Array;
  /** Sweeps since each cluster was created, split or merged. */
  ages: number[];
  private clusters: ClusterState[] = [];
  private readonly priorHalfLogDet: number;
  /** 1/σ̂²_j: the 2-means metric of `seedSides`. */
  private readonly seedWeight: Float64Array;
  private readonly everyPoint: Int32Array;
  private readonly scorer: GaussianScorer;
  private scores = new Float64Array(0);
  private readonly sideScores: Float64Array;
  private readonly members: Int32Array;

  constructor(
    readonly points: Float64Array,
    readonly n: number,
    readonly prior: NiwPrior,
    readonly settings: SubclusterSettings,
    readonly rng: Rng,
    state: { alpha: number; labels: Int32Array; sides: Int32Array; ages: number[]; completedSweeps: number },
  ) {
    this.alpha = state.alpha;
    this.labels = state.labels;
    this.sides = state.sides;
    this.ages = state.ages;
    this.completedSweeps = state.completedSweeps;
    this.priorHalfLogDet = logDetFromCholesky(prior.cholPsi, prior.d) / 2;
    this.seedWeight = seedWeights(prior);
    this.everyPoint = Int32Array.from({ length: n }, (_, i) => i);
    this.scorer = new GaussianScorer(prior.d, n);
    this.sideScores = new Float64Array(2 * n);
    this.members = new Int32Array(n);
    this.rebuild();
  }

  /**
   * Starts from k-means++ clusters (min(n, K0) centres, a few Lloyd steps; coordinates scaled by the
   * class's s.d.), sides by 2-means, and α_init as the collapsed sampler (B.6). Not B.6's uniformly random
   * labels: each random cluster would hold part of every mode, splits would then fragment every mode once
   * per initial cluster, and the sub-cluster merge ratio (≈ 2^(−n) for two parts of n points) almost never
   * joins the fragments again. Nor one cluster (DPMMSubClusters.jl's default): in 64-D a split of one
   * large cluster must gain about n ln 2 nats, so K grows very slowly. Only the start differs, so the
   * chain's stationary distribution does not.
   */
  static initialise(points: Float64Array, n: number, prior: NiwPrior, settings: SubclusterSettings, rng: Rng): SubclusterChain {
    const alpha = initialAlpha(rng, settings.alphaPrior, settings.variants.alphaInit);
    const k0 = Math.min(n, settings.initialClusters);
    const { labels, count } = compact(kMeansLabels(points, n, prior.d, k0, seedWeights(prior), rng), k0);
    const chain = new SubclusterChain(points, n, prior, settings, rng, { alpha, labels, sides: new Int32Array(n), ages: new Array(count).fill(0), completedSweeps: 0 });
    chain.reseed(new Uint8Array(count).fill(1));
    return chain;
  }

  /** Continues a chain from a checkpoint written by `checkpoint()` (bit for bit). */
  static restore(points: Float64Array, n: number, prior: NiwPrior, settings: SubclusterSettings, cp: ChainCheckpoint): SubclusterChain {
    if (cp.subAssignments === undefined || cp.ages === undefined) {
      throw new Error('checkpoint has no sub-cluster state (was it written by the collapsed sampler?)');
    }
    return new SubclusterChain(points, n, prior, settings, restoreRng(cp.rng), {
      alpha: cp.alpha,
      labels: cp.assignments.slice(),
      sides: cp.subAssignments.slice(),
      ages: Array.from(cp.ages),
      completedSweeps: cp.sweep,
    });
  }

  get clusterCount(): number {
    return this.clusters.length;
  }

  /** Points per cluster [K]. */
  get counts(): Int32Array {
    return Int32Array.from(this.clusters, (c) => c.whole.stats.n);
  }

  /** Which kernels score the points (WebAssembly SIMD or TypeScript; same results). */
  get kernels(): string {
    return this.scorer.kind;
  }

  sweep(): void {
    const { rng, settings } = this;
    this.alpha = updateAlpha(rng, this.alpha, this.clusterCount, this.n, settings.alphaPrior, settings.variants.alphaUpdate);
    this.restrictedGibbs();
    this.rebuild();
    this.resetOneSidedClusters();
    this.reseedStaleClusters();
    this.proposeSplits();
    this.proposeMerges();
    for (let k = 0; k < this.ages.length; k++) this.ages[k]++;
    this.completedSweeps++;
  }

  /** Collapsed joint ln p(x, c | α) of the current partition: the collapsed sampler's diagnostic, same formula. */
  logLikelihood(): number {
    const a = this.alpha;
    let total = this.clusterCount * Math.log(a) + lgamma(a) - lgamma(a + this.n);
    for (const c of this.clusters) total += lgamma(c.whole.stats.n) + c.whole.marginal;
    return total;
  }

  /** The current state as a kept trace (batch NIW posteriors of the clusters, as for the collapsed sampler). */
  trace(sweep: number): ClassTrace {
    return traceFromAssignments(this.prior, this.points, sweep, this.alpha, this.labels.slice(), this.clusterCount);
  }

  checkpoint(): ChainCheckpoint {
    return {
      sweep: this.completedSweeps,
      alpha: this.alpha,
      assignments: this.labels.slice(),
      permutation: new Int32Array(0),
      rng: this.rng.state(),
      subAssignments: this.sides.slice(),
      ages: Int32Array.from(this.ages),
    };
  }

  /**
   * Steps 2–4: weights and parameters from their posteriors, then every point's label (one batched
   * points × clusters scoring) and every point's side (each cluster's members against its two sides).
   */
  private restrictedGibbs(): void {
    const { rng, n, points, scorer, members } = this;
    const K = this.clusterCount;
    const a = this.alpha;
    const logWeights = dirichletLog(rng, [...this.clusters.map((c) => c.whole.stats.n), a]);
    if (this.scores.length < n * K) this.scores = new Float64Array(n * K);
    const scores = this.scores;
    const subs = [];
    scorer.load(points, this.everyPoint, n);
    for (let k = 0; k < K; k++) {
      const { whole, sides } = this.clusters[k];
      scorer.score(sampleNiw(rng, whole.post), logWeights[k], scores, k, K);
      subs.push({ left: sampleNiw(rng, sides[0].post), right: sampleNiw(rng, sides[1].post), weights: dirichletLog(rng, [sides[0].stats.n + a / 2, sides[1].stats.n + a / 2]) });
    }
    if (this.settings.keepNonEmpty === true) {
      const { redraws, fellBack } = drawNonEmptyLabels(rng, scores, K, this.labels);
      this.redraws += redraws;
      if (fellBack) this.fallbacks++;
    } else for (let i = 0; i < n; i++) this.labels[i] = rng.categoricalLog(scores.subarray(i * K, (i + 1) * K), K);
    const start = groupByLabel(this.labels, K, members);
    const pair = this.sideScores;
    for (let k = 0; k < K; k++) {
      const from = start[k];
      const count = start[k + 1] - from;
      if (count === 0) continue;
      scorer.load(points, members.subarray(from, from + count), count);
      scorer.score(subs[k].left, subs[k].weights[0], pair, 2 * from, 2);
      scorer.score(subs[k].right, subs[k].weights[1], pair, 2 * from + 1, 2);
    }
    for (let t = 0; t < n; t++) this.sides[members[t]] = rng.categoricalLog(pair.subarray(2 * t, 2 * t + 2), 2);
  }

  /**
   * A cluster with an empty side cannot propose a split: its sides are seeded again and it waits
   * again (a single point always has an empty side; it keeps its age so that it may still merge).
   */
  private resetOneSidedClusters(): void {
    const reset = new Uint8Array(this.clusterCount);
    for (let k = 0; k < this.clusterCount; k++) {
      const [l, r] = this.clusters[k].sides;
      if (l.stats.n === 0 || r.stats.n === 0) {
        reset[k] = 1;
        if (this.clusters[k].whole.stats.n > 1) this.ages[k] = 0;
      }
    }
    this.reseed(reset);
  }

  /** Re-seeds the sides of clusters that have waited RESEED_SWEEPS sweeps without a split (their age restarts). */
  private reseedStaleClusters(): void {
    const stale = new Uint8Array(this.clusterCount);
    for (let k = 0; k < this.clusterCount; k++) {
      if (this.ages[k] >= RESEED_SWEEPS) {
        stale[k] = 1;
        this.ages[k] = 0;
      }
    }
    this.reseed(stale);
  }

  /** Seeds the flagged clusters' sides (`seedSides`) and refreshes their statistics. */
  private reseed(flagged: Uint8Array): void {
    if (!flagged.includes(1)) return;
    seedSides(this.points, this.prior.d, this.labels, this.sides, flagged, this.seedWeight, this.rng);
    this.rebuild(flagged);
  }

  private proposeSplits(): void {
    const K = this.clusterCount;
    const newLabel = new Int32Array(K).fill(-1);
    let next = K;
    for (let k = 0; k < K; k++) {
      if (this.ages[k] < SPLIT_MERGE_WAIT_SWEEPS) continue;
      const { whole, sides } = this.clusters[k];
      const [l, r] = sides;
      if (l.stats.n === 0 || r.stats.n === 0) continue;
      const logH = splitLogRatio(this.alpha, l.stats.n, r.stats.n, l.marginal, r.marginal, whole.marginal);
      if (Math.log(this.rng.uniform()) < logH) newLabel[k] = next++;
    }
    if (next === K) return;
    for (let k = 0; k < K; k++) if (newLabel[k] >= 0) this.ages[k] = 0;
    for (let k = K; k < next; k++) this.ages.push(0);
    const fresh = new Uint8Array(next);
    for (let i = 0; i < this.n; i++) {
      const k = this.labels[i];
      if (newLabel[k] < 0) continue;
      if (this.sides[i] === 1) this.labels[i] = newLabel[k];
      fresh[k] = fresh[newLabel[k]] = 1;
    }
    seedSides(this.points, this.prior.d, this.labels, this.sides, fresh, this.seedWeight, this.rng);
    this.rebuild(fresh);
  }

  private proposeMerges(): void {
    const K = this.clusterCount;
    if (K < 2) return;
    const order = this.rng.permutation(K);
    const into = new Int32Array(K).fill(-1);
    let merges = 0;
    for (let p = 0; p + 1 < K; p += 2) {
      const i = Math.min(order[p], order[p + 1]);
      const j = Math.max(order[p], order[p + 1]);
      if (this.ages[i] < SPLIT_MERGE_WAIT_SWEEPS || this.ages[j] < SPLIT_MERGE_WAIT_SWEEPS) continue;
      const si = this.clusters[i].whole;
      const sj = this.clusters[j].whole;
      const merged = this.pointSet(combineStats(si.stats, sj.stats));
      const logH = mergeLogRatio(this.alpha, si.stats.n, sj.stats.n, si.marginal, sj.marginal, merged.marginal);
      if (Math.log(this.rng.uniform()) < logH) {
        into[j] = i;
        into[i] = i;
        merges++;
      }
    }
    if (merges === 0) return;
    for (let i = 0; i < this.n; i++) {
      const k = this.labels[i];
      if (into[k] < 0) continue;
      this.sides[i] = into[k] === k ? 0 : 1;
      this.labels[i] = into[k];
    }
    const changed = new Uint8Array(K);
    for (let k = 0; k < K; k++) {
      if (into[k] === k) {
        this.ages[k] = 0;
        changed[k] = 1;
      }
    }
    this.rebuild(changed);
  }

  private pointSet(stats: NiwStats): PointSet {
    const post = niwPosteriorFromStats(this.prior, stats);
    return { stats, post, marginal: stats.n > 0 ? logMarginalLikelihood(this.prior, post, this.priorHalfLogDet) : 0 };
  }

  /**
   * Drops empty clusters (labels stay 0..K−1 in their order), then recomputes the statistics of the
   * clusters whose points changed (`changed[old label] = 1`; all when absent): each side's from its
   * points (two-pass), the cluster's as the union of its sides, with NIW posteriors and marginals.
   * The others keep what they had.
   */
  rebuild(changed?: Uint8Array): void {
    const { n, points, members } = this;
    const d = this.prior.d;
    let maxLabel = -1;
    for (let i = 0; i < n; i++) if (this.labels[i] > maxLabel) maxLabel = this.labels[i];
    const { labels, count: K, kept } = compact(this.labels, maxLabel + 1);
    this.labels.set(labels);
    this.ages = kept.map((k) => this.ages[k] ?? 0);
    const sideOf = new Int32Array(n);
    for (let i = 0; i < n; i++) sideOf[i] = 2 * this.labels[i] + this.sides[i];
    const start = groupByLabel(sideOf, 2 * K, members);
    const previous = this.clusters;
    this.clusters = kept.map((old, k) => {
      const reuse = changed !== undefined && !changed[old] && previous[old] !== undefined;
      if (reuse) return previous[old];
      const side = (s: number): PointSet => {
        const g = 2 * k + s;
        return this.pointSet(statsOf(points, d, members.subarray(start[g], start[g + 1]), start[g + 1] - start[g]));
      };
      const l = side(0);
      const r = side(1);
      return { sides: [l, r], whole: this.pointSet(combineStats(l.stats, r.stats)) };
    });
  }
}

/** 1/σ̂²_j: the metric of the k-means start and of the 2-means side seeding. */
function seedWeights(prior: NiwPrior): Float64Array {
  return Float64Array.from(prior.variance, (v) => 1 / v);
}
