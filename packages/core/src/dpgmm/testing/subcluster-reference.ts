import { logDetFromCholesky } from '../../linalg/index.ts';
import type { Rng } from '../../rng/index.ts';
import { lgamma } from '../../special/index.ts';
import { type AlphaPrior, initialAlpha, updateAlpha } from '../alpha-update.ts';
import type { NiwPrior } from '../niw-prior.ts';
import { logMarginalLikelihood, niwPosteriorFromStats, type SampledGaussian, sampleNiw, statsOf } from '../niw-stats.ts';
import { dirichletLog } from '../subcluster-labels.ts';
import { mergeLogRatio, splitLogRatio } from '../subcluster-moves.ts';

/**
 * Which parts of Chang & Fisher's sub-cluster sampler a `SubclusterReference` uses. The exact kernel is
 * `{ constraint: 'non-empty', sides: 'exact', ratios: 'exact', moves: 'split-or-merge' }` (`EXACT_SUBCLUSTER`).
 */
export interface SubclusterReferenceOptions {
  /**
   * z given (π, θ): 'drop' draws every z_i ~ π_k N(x_i | θ_k) independently and removes the clusters it
   * empties (the paper, and `SubclusterChain`); 'non-empty' draws z from the same product restricted to
   * "all K clusters keep a point" (whole-vector rejection), the conditional of the augmented joint
   * p(π, θ, z) ∝ α^K π_rest^(α−1) ∏_k π_k^(n_k − 1) …, which is defined only for z that use all K clusters.
   */
  readonly constraint: 'drop' | 'non-empty';
  /**
   * sub-labels z̄: 'exact' draws each cluster's from its exact conditional
   * q(z̄ | x_k) ∝ Γ(α/2 + n_l) Γ(α/2 + n_r) f(x_l) f(x_r) (all 2^n_k labelings enumerated: tiny data only);
   * 'gibbs' is the paper's (π̄, θ̄ | z̄, then z̄_i ~ π̄ N(x_i | θ̄) in the point's new cluster; random sides
   * for new clusters).
   */
  readonly sides: 'exact' | 'gibbs';
  /**
   * split/merge acceptance: 'paper' (`splitLogRatio`, `mergeLogRatio`); 'exact' the Metropolis–Hastings
   * ratio on the target p(z | x) ∏_k q(z̄_k | x_k): p(z′ | x)/p(z | x) / q({z̄_l, z̄_r} | x_k) for a split
   * (its inverse for a merge), times the proposal ratio of `moves`.
   */
  readonly ratios: 'paper' | 'exact';
  /**
   * 'split-or-merge': `movesPerSweep` times, with probability ½ a split of a uniformly chosen cluster,
   * else a merge of a uniformly chosen pair (proposal ratio 2/(K + 1) for a split from K clusters, K/2
   * for a merge, in 'exact' ratios unless `proposalRatio` is false); 'scan': `SubclusterChain`'s order
   * (a split proposal for every cluster, then merges of a random pairing).
   */
  readonly moves: 'split-or-merge' | 'scan';
  readonly movesPerSweep?: number;
  readonly proposalRatio?: boolean;
}

/** The parts that make the sub-cluster moves an exact MCMC kernel (checked in subcluster-exact.test.ts). */
export const EXACT_SUBCLUSTER: SubclusterReferenceOptions = { constraint: 'non-empty', sides: 'exact', ratios: 'exact', moves: 'split-or-merge', movesPerSweep: 2 };

/**
 * A plain sub-cluster sampler for tiny data (explicit member lists, enumerated sub-label conditionals) whose
 * parts can be switched between the paper's and exact ones. α: the textbook auxiliary-variable update,
 * as in neal-reference.test.ts. Labels are 0..K−1.
 */
export class SubclusterReference {
  labels: number[];
  sides: number[];
  alpha: number;
  /** Whole z vectors redrawn because a cluster came out empty ('non-empty'). */
  rejections = 0;
  private readonly priorHalfLogDet: number;
  private readonly n: number;
  private readonly marginals = new Map<number, number>();

  constructor(
    readonly points: Float64Array,
    readonly prior: NiwPrior,
    readonly alphaPrior: AlphaPrior,
    readonly options: SubclusterReferenceOptions,
    readonly rng: Rng,
  ) {
    this.n = points.length / prior.d;
    if (this.n > 30) throw new Error('SubclusterReference enumerates sub-labelings: tiny data only');
    this.priorHalfLogDet = logDetFromCholesky(prior.cholPsi, prior.d) / 2;
    this.alpha = initialAlpha(rng, alphaPrior, 'textbook');
    this.labels = canonical(Array.from({ length: this.n }, () => rng.integer(3)));
    this.sides = Array.from({ length: this.n }, () => rng.integer(2));
    if (options.sides === 'exact') this.drawExactSides();
  }

  get clusterCount(): number {
    return Math.max(...this.labels) + 1;
  }

  sweep(): void {
    const { rng, options, n, prior } = this;
    this.alpha = updateAlpha(rng, this.alpha, this.clusterCount, n, this.alphaPrior, 'textbook');
    const K = this.clusterCount;
    const a = this.alpha;
    const members = Array.from({ length: K }, (_, k) => this.members(k));
    const logPi = dirichletLog(rng, [...members.map((m) => m.length), a]);
    const theta = members.map((m) => sampleNiw(rng, niwPosteriorFromStats(prior, statsOf(this.points, prior.d, m, m.length))));
    const sub = members.map((m) => {
      const sets = [m.filter((i) => this.sides[i] === 0), m.filter((i) => this.sides[i] === 1)];
      return {
        logWeights: dirichletLog(rng, sets.map((s) => s.length + a / 2)),
        gaussians: sets.map((s) => sampleNiw(rng, niwPosteriorFromStats(prior, statsOf(this.points, prior.d, s, s.length)))),
      };
    });
    const scores = Array.from({ length: n }, (_, i) => theta.map((g, k) => logPi[k] + this.logGauss(g, i)));
    for (;;) {
      const z = scores.map((s) => rng.categoricalLog(s));
      if (options.constraint === 'non-empty' && new Set(z).size < K) {
        this.rejections++;
        continue;
      }
      this.labels = z;
      break;
    }
    if (options.sides === 'gibbs') {
      for (let i = 0; i < n; i++) {
        const s = sub[this.labels[i]];
        this.sides[i] = rng.categoricalLog([0, 1].map((t) => s.logWeights[t] + this.logGauss(s.gaussians[t], i)));
      }
    }
    this.labels = canonical(this.labels);
    if (options.sides === 'exact') this.drawExactSides();
    if (options.moves === 'scan') this.scanMoves();
    else for (let t = 0; t < (options.movesPerSweep ?? 1); t++) this.splitOrMerge();
  }

  private members(k: number): number[] {
    return this.labels.flatMap((l, i) => (l === k ? [i] : []));
  }

  private sideSets(k: number): [number[], number[]] {
    const m = this.members(k);
    return [m.filter((i) => this.sides[i] === 0), m.filter((i) => this.sides[i] === 1)];
  }

  /** ln f(x_S) of a member set S (cached by the set as a bit mask: n ≤ 30). */
  private logF(members: number[]): number {
    if (members.length === 0) return 0;
    const key = members.reduce((mask, i) => mask | (1 << i), 0);
    let value = this.marginals.get(key);
    if (value === undefined) {
      const post = niwPosteriorFromStats(this.prior, statsOf(this.points, this.prior.d, members, members.length));
      value = logMarginalLikelihood(this.prior, post, this.priorHalfLogDet);
      this.marginals.set(key, value);
    }
    return value;
  }

  private logGauss(g: SampledGaussian, i: number): number {
    const d = this.prior.d;
    const y = new Float64Array(d);
    let q = 0;
    for (let r = 0; r < d; r++) {
      let s = this.points[i * d + r] - g.mean[r];
      for (let c = 0; c < r; c++) s -= g.chol[r * d + c] * y[c];
      y[r] = s / g.chol[r * d + r];
      q += y[r] * y[r];
    }
    return -(d / 2) * Math.log(2 * Math.PI) - g.halfLogDet - q / 2;
  }

  /** ln of the ordered sub-label weight Γ(α/2 + |A|) Γ(α/2 + |B|) f(A) f(B). */
  private sideWeight(a: number[], b: number[]): number {
    return lgamma(this.alpha / 2 + a.length) + lgamma(this.alpha / 2 + b.length) + this.logF(a) + this.logF(b);
  }

  /** ln w of every ordered labeling (bit t = side of members[t]). */
  private labelingWeights(members: number[]): number[] {
    const weights: number[] = [];
    for (let bits = 0; bits < 1 << members.length; bits++) {
      weights.push(this.sideWeight(members.filter((_, t) => !((bits >> t) & 1)), members.filter((_, t) => (bits >> t) & 1)));
    }
    return weights;
  }

  private drawExactSides(clusters?: number[]): void {
    for (const k of clusters ?? Array.from({ length: this.clusterCount }, (_, c) => c)) {
      const m = this.members(k);
      const bits = this.rng.categoricalLog(this.labelingWeights(m));
      m.forEach((i, t) => (this.sides[i] = (bits >> t) & 1));
    }
  }

  /** ln q({l, r} | x): the unordered sub-partition's probability (both sides non-empty). */
  private logQ(l: number[], r: number[]): number {
    const w = this.labelingWeights([...l, ...r]);
    const max = Math.max(...w);
    const logZ = max + Math.log(w.reduce((s, v) => s + Math.exp(v - max), 0));
    return Math.LN2 + this.sideWeight(l, r) - logZ;
  }

  /** ln p(z′ | x)/p(z | x) for splitting l ∪ r into l and r. */
  private splitTarget(l: number[], r: number[]): number {
    return splitLogRatio(this.alpha, l.length, r.length, this.logF(l), this.logF(r), this.logF([...l, ...r]));
  }

  private withProposal(): boolean {
    return this.options.moves === 'split-or-merge' && this.options.proposalRatio !== false;
  }

  private splitRatio(l: number[], r: number[]): number {
    if (this.options.ratios === 'paper') return this.splitTarget(l, r);
    return this.splitTarget(l, r) - this.logQ(l, r) + (this.withProposal() ? Math.log(2 / (this.clusterCount + 1)) : 0);
  }

  private mergeRatio(i: number[], j: number[]): number {
    if (this.options.ratios === 'paper') return mergeLogRatio(this.alpha, i.length, j.length, this.logF(i), this.logF(j), this.logF([...i, ...j]));
    return -this.splitTarget(i, j) + this.logQ(i, j) + (this.withProposal() ? Math.log(this.clusterCount / 2) : 0);
  }

  /** Side 1 of cluster k becomes cluster K; both get fresh sides. */
  private split(k: number): void {
    const K = this.clusterCount;
    for (let i = 0; i < this.n; i++) if (this.labels[i] === k && this.sides[i] === 1) this.labels[i] = K;
    if (this.options.sides === 'exact') this.drawExactSides([k, K]);
    else for (let i = 0; i < this.n; i++) if (this.labels[i] === k || this.labels[i] === K) this.sides[i] = this.rng.integer(2);
  }

  /** Clusters i and j become one whose sides are its two parts (labels made canonical by the caller). */
  private merge(i: number, j: number): void {
    for (let p = 0; p < this.n; p++) {
      if (this.labels[p] === i) this.sides[p] = 0;
      if (this.labels[p] === j) [this.sides[p], this.labels[p]] = [1, i];
    }
  }

  private splitOrMerge(): void {
    const { rng } = this;
    const K = this.clusterCount;
    if (rng.uniform() < 0.5) {
      const k = rng.integer(K);
      const [l, r] = this.sideSets(k);
      if (l.length > 0 && r.length > 0 && Math.log(rng.uniform()) < this.splitRatio(l, r)) this.split(k);
    } else if (K > 1) {
      const first = rng.integer(K);
      const second = (first + 1 + rng.integer(K - 1)) % K;
      const [i, j] = [Math.min(first, second), Math.max(first, second)];
      if (Math.log(rng.uniform()) < this.mergeRatio(this.members(i), this.members(j))) {
        this.merge(i, j);
        this.labels = canonical(this.labels);
      }
    }
  }

  private scanMoves(): void {
    const { rng } = this;
    const K = this.clusterCount;
    for (let k = 0; k < K; k++) {
      const [l, r] = this.sideSets(k);
      if (l.length > 0 && r.length > 0 && Math.log(rng.uniform()) < this.splitRatio(l, r)) this.split(k);
    }
    const order = rng.permutation(this.clusterCount);
    const accepted: [number, number][] = [];
    for (let p = 0; p + 1 < order.length; p += 2) {
      const [i, j] = [Math.min(order[p], order[p + 1]), Math.max(order[p], order[p + 1])];
      if (Math.log(rng.uniform()) < this.mergeRatio(this.members(i), this.members(j))) accepted.push([i, j]);
    }
    for (const [i, j] of accepted) this.merge(i, j);
    this.labels = canonical(this.labels);
    if (this.options.sides === 'exact') this.drawExactSides();
  }
}

/** Labels renumbered 0..K−1 in order of first appearance. */
function canonical(labels: number[]): number[] {
  const map = new Map<number, number>();
  return labels.map((l) => {
    if (!map.has(l)) map.set(l, map.size);
    return map.get(l)!;
  });
}
