import { logDetFromCholesky } from '../linalg/index.ts';
import { restoreRng, type Rng } from '../rng/index.ts';
import { lgamma } from '../special/index.ts';
import { type AlphaPrior, initialAlpha, updateAlpha } from './alpha-update.ts';
import { traceFromAssignments } from './chain-state.ts';
import { gaussianLogDensity, gaussianLogDensityMatrix } from './gaussian-scores.ts';
import type { NiwPrior } from './niw-prior.ts';
import {
  combineStats,
  logMarginalLikelihood,
  niwPosteriorFromStats,
  type NiwStats,
  type SampledGaussian,
  sampleNiw,
  statsOf,
} from './niw-stats.ts';
import type { ChainCheckpoint, ClassTrace, DpgmmVariants } from './types.ts';

/** Settings of one sub-cluster chain (a subset of FitOptions). */
export interface SubclusterSettings {
  readonly initialClusters: number;
  readonly alphaPrior: AlphaPrior;
  readonly variants: Pick<DpgmmVariants, 'alphaUpdate' | 'alphaInit'>;
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

/** Lloyd iterations of the 2-means that seeds a cluster's sides. */
const SEED_ITERATIONS = 5;

/** One side of every cluster: 0 = left, 1 = right. */
type Side = 0 | 1;

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
  /** Cluster 0..K−1 per point. */
  readonly labels: Int32Array;
  /** Sub-cluster (0/1) per point. */
  readonly sides: Int32Array;
  /** Sweeps since each cluster was created, split or merged. */
  ages: number[];
  private sub: [NiwStats, NiwStats][] = [];
  private whole: NiwStats[] = [];
  private wholeMarginal: number[] = [];
  private subMarginal: [number, number][] = [];
  private readonly priorHalfLogDet: number;
  private scores = new Float64Array(0);

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
    this.rebuild();
  }

  /** Same start as the collapsed sampler (B.6: uniform over min(n, K0) labels, then α_init); sides by 2-means. */
  static initialise(points: Float64Array, n: number, prior: NiwPrior, settings: SubclusterSettings, rng: Rng): SubclusterChain {
    const k0 = Math.min(n, settings.initialClusters);
    const raw = new Int32Array(n);
    for (let i = 0; i < n; i++) raw[i] = rng.integer(k0);
    const alpha = initialAlpha(rng, settings.alphaPrior, settings.variants.alphaInit);
    const sides = new Int32Array(n);
    for (let i = 0; i < n; i++) sides[i] = rng.integer(2);
    const { labels, count } = compact(raw, k0);
    const chain = new SubclusterChain(points, n, prior, settings, rng, { alpha, labels, sides, ages: new Array(count).fill(0), completedSweeps: 0 });
    chain.seedSides(new Uint8Array(count).fill(1));
    chain.rebuild();
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
    return this.whole.length;
  }

  /** Points per cluster [K]. */
  get counts(): Int32Array {
    return Int32Array.from(this.whole, (s) => s.n);
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
    for (let k = 0; k < this.clusterCount; k++) total += lgamma(this.whole[k].n) + this.wholeMarginal[k];
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

  /** Steps 2–4: weights and parameters from their posteriors, then every point's label and side. */
  private restrictedGibbs(): void {
    const { rng, n, points } = this;
    const d = this.prior.d;
    const K = this.clusterCount;
    const a = this.alpha;
    const logWeights = dirichletLog(rng, [...this.whole.map((s) => s.n), a]).subarray(0, K);
    const components: SampledGaussian[] = [];
    const subComponents: [SampledGaussian, SampledGaussian][] = [];
    const subLogWeights: Float64Array[] = [];
    for (let k = 0; k < K; k++) {
      components.push(sampleNiw(rng, niwPosteriorFromStats(this.prior, this.whole[k])));
      const [l, r] = this.sub[k];
      subComponents.push([sampleNiw(rng, niwPosteriorFromStats(this.prior, l)), sampleNiw(rng, niwPosteriorFromStats(this.prior, r))]);
      subLogWeights.push(dirichletLog(rng, [l.n + a / 2, r.n + a / 2]));
    }
    if (this.scores.length < n * K) this.scores = new Float64Array(n * K);
    gaussianLogDensityMatrix(points, n, d, components, logWeights, this.scores);
    for (let i = 0; i < n; i++) this.labels[i] = rng.categoricalLog(this.scores.subarray(i * K, (i + 1) * K), K);
    const scratch = new Float64Array(d);
    const pair = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const k = this.labels[i];
      for (let s = 0; s < 2; s++) pair[s] = subLogWeights[k][s] + gaussianLogDensity(points, i * d, d, subComponents[k][s], scratch);
      this.sides[i] = rng.categoricalLog(pair, 2);
    }
  }

  /**
   * A cluster with an empty side cannot propose a split: its sides are redrawn at random and it waits
   * again (a single point always has an empty side; it keeps its age so that it may still merge).
   */
  private resetOneSidedClusters(): void {
    const reset = new Uint8Array(this.clusterCount);
    let any = false;
    for (let k = 0; k < this.clusterCount; k++) {
      if (this.sub[k][0].n === 0 || this.sub[k][1].n === 0) {
        reset[k] = 1;
        if (this.whole[k].n > 1) this.ages[k] = 0;
        any = true;
      }
    }
    if (!any) return;
    this.seedSides(reset);
    this.rebuild();
  }

  /** Re-seeds the sides of clusters that have waited RESEED_SWEEPS sweeps without a split (their age restarts). */
  private reseedStaleClusters(): void {
    const stale = new Uint8Array(this.clusterCount);
    let any = false;
    for (let k = 0; k < this.clusterCount; k++) {
      if (this.ages[k] >= RESEED_SWEEPS) {
        stale[k] = 1;
        this.ages[k] = 0;
        any = true;
      }
    }
    if (!any) return;
    this.seedSides(stale);
    this.rebuild();
  }

  /**
   * Seeds the sides of every flagged cluster by 2-means (Euclidean, coordinates scaled by the class's
   * per-dimension s.d.; centres two distinct random members; SEED_ITERATIONS Lloyd steps), the
   * "smart split" initialisation of DPMMSubClusters.jl. The sides are auxiliary variables: how they are
   * seeded changes which splits get proposed, not the split and merge acceptance ratios.
   * A cluster of one point, or a 2-means that leaves a side empty, gets random sides.
   */
  private seedSides(flagged: Uint8Array): void {
    const { n, points, rng } = this;
    const d = this.prior.d;
    const weight = Float64Array.from(this.prior.variance, (v) => 1 / v);
    const members: number[][] = Array.from({ length: flagged.length }, () => []);
    for (let i = 0; i < n; i++) if (flagged[this.labels[i]]) members[this.labels[i]].push(i);
    const centres = [new Float64Array(d), new Float64Array(d)];
    const distance = (i: number, c: Float64Array): number => {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = points[i * d + j] - c[j];
        s += weight[j] * diff * diff;
      }
      return s;
    };
    for (let k = 0; k < flagged.length; k++) {
      const own = members[k];
      if (!flagged[k] || own.length === 0) continue;
      if (own.length < 2) {
        for (const i of own) this.sides[i] = rng.integer(2);
        continue;
      }
      const first = rng.integer(own.length);
      const second = (first + 1 + rng.integer(own.length - 1)) % own.length;
      centres[0].set(points.subarray(own[first] * d, own[first] * d + d));
      centres[1].set(points.subarray(own[second] * d, own[second] * d + d));
      const sizes = [0, 0];
      for (let iter = 0; iter < SEED_ITERATIONS; iter++) {
        for (const i of own) this.sides[i] = distance(i, centres[1]) < distance(i, centres[0]) ? 1 : 0;
        sizes[0] = sizes[1] = 0;
        centres[0].fill(0);
        centres[1].fill(0);
        for (const i of own) {
          const s = this.sides[i];
          sizes[s]++;
          for (let j = 0; j < d; j++) centres[s][j] += points[i * d + j];
        }
        if (sizes[0] === 0 || sizes[1] === 0) break;
        for (let s = 0; s < 2; s++) for (let j = 0; j < d; j++) centres[s][j] /= sizes[s];
      }
      if (sizes[0] === 0 || sizes[1] === 0) for (const i of own) this.sides[i] = rng.integer(2);
    }
  }

  private proposeSplits(): void {
    const K = this.clusterCount;
    const logAlpha = Math.log(this.alpha);
    const newLabel = new Int32Array(K).fill(-1);
    let next = K;
    for (let k = 0; k < K; k++) {
      if (this.ages[k] < SPLIT_MERGE_WAIT_SWEEPS) continue;
      const [l, r] = this.sub[k];
      if (l.n === 0 || r.n === 0) continue;
      const logH =
        logAlpha +
        lgamma(l.n) +
        this.subMarginal[k][0] +
        lgamma(r.n) +
        this.subMarginal[k][1] -
        lgamma(this.whole[k].n) -
        this.wholeMarginal[k];
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
    this.seedSides(fresh);
    this.rebuild();
  }

  private proposeMerges(): void {
    const K = this.clusterCount;
    if (K < 2) return;
    const order = this.rng.permutation(K);
    const a = this.alpha;
    const into = new Int32Array(K).fill(-1);
    let merges = 0;
    const constant = -Math.log(a) + lgamma(a) - 2 * lgamma(a / 2);
    for (let p = 0; p + 1 < K; p += 2) {
      const i = Math.min(order[p], order[p + 1]);
      const j = Math.max(order[p], order[p + 1]);
      if (this.ages[i] < SPLIT_MERGE_WAIT_SWEEPS || this.ages[j] < SPLIT_MERGE_WAIT_SWEEPS) continue;
      const si = this.whole[i];
      const sj = this.whole[j];
      const merged = combineStats(si, sj);
      const fMerged = logMarginalLikelihood(this.prior, niwPosteriorFromStats(this.prior, merged), this.priorHalfLogDet);
      const logH =
        constant +
        lgamma(merged.n) -
        lgamma(merged.n + a) +
        lgamma(si.n + a / 2) +
        lgamma(sj.n + a / 2) -
        lgamma(si.n) -
        lgamma(sj.n) +
        fMerged -
        this.wholeMarginal[i] -
        this.wholeMarginal[j];
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
    for (let k = 0; k < K; k++) if (into[k] === k) this.ages[k] = 0;
    this.rebuild();
  }

  /**
   * Drops empty clusters (labels stay 0..K−1 in their order), then recomputes every
   * sub-cluster's statistics from its points (two-pass) and each cluster's as the union
   * of its two sides, with their marginal likelihoods.
   */
  rebuild(): void {
    const { n, points } = this;
    const d = this.prior.d;
    let maxLabel = -1;
    for (let i = 0; i < n; i++) if (this.labels[i] > maxLabel) maxLabel = this.labels[i];
    const { labels, count: K, kept } = compact(this.labels, maxLabel + 1);
    this.labels.set(labels);
    this.ages = kept.map((k) => this.ages[k] ?? 0);
    const groupCount = new Int32Array(2 * K + 1);
    for (let i = 0; i < n; i++) groupCount[2 * this.labels[i] + this.sides[i] + 1]++;
    for (let g = 0; g < 2 * K; g++) groupCount[g + 1] += groupCount[g];
    const members = new Int32Array(n);
    const fill = groupCount.slice(0, 2 * K);
    for (let i = 0; i < n; i++) members[fill[2 * this.labels[i] + this.sides[i]]++] = i;
    this.sub = [];
    this.whole = [];
    this.wholeMarginal = [];
    this.subMarginal = [];
    const marginal = (s: NiwStats): number => logMarginalLikelihood(this.prior, niwPosteriorFromStats(this.prior, s), this.priorHalfLogDet);
    for (let k = 0; k < K; k++) {
      const side = (s: Side): NiwStats => {
        const from = groupCount[2 * k + s];
        return statsOf(points, d, members.subarray(from, groupCount[2 * k + s + 1]), groupCount[2 * k + s + 1] - from);
      };
      const l = side(0);
      const r = side(1);
      const whole = combineStats(l, r);
      this.sub.push([l, r]);
      this.whole.push(whole);
      this.wholeMarginal.push(marginal(whole));
      this.subMarginal.push([l.n > 0 ? marginal(l) : 0, r.n > 0 ? marginal(r) : 0]);
    }
  }
}

/** ln of a Dirichlet(concentrations) draw via normalised Gamma draws (a zero draw gives −∞). */
function dirichletLog(rng: Rng, concentrations: readonly number[]): Float64Array {
  const draws = concentrations.map((c) => rng.gamma(c, 1));
  const total = draws.reduce((s, x) => s + x, 0);
  return Float64Array.from(draws, (x) => Math.log(x) - Math.log(total));
}

/** Renumbers labels 0..labelCount−1 to 0..K−1 (used labels only, order kept); `kept[k]` is new k's old label. */
function compact(raw: Int32Array, labelCount: number): { labels: Int32Array; count: number; kept: number[] } {
  const used = new Uint8Array(labelCount);
  for (let i = 0; i < raw.length; i++) used[raw[i]] = 1;
  const map = new Int32Array(labelCount).fill(-1);
  const kept: number[] = [];
  for (let k = 0; k < labelCount; k++) {
    if (used[k]) {
      map[k] = kept.length;
      kept.push(k);
    }
  }
  return { labels: Int32Array.from(raw, (k) => map[k]), count: kept.length, kept };
}
