import { logDetFromCholesky, NotPositiveDefiniteError } from '../linalg/cholesky.ts';
import { choleskyRankOne } from '../linalg/cholesky-update.ts';
import type { NiwPrior } from './niw-prior.ts';
import { niwPosteriorBatch } from './niw-posterior.ts';

/**
 * The clusters of one chain in flat typed-array pools (METHOD B.3, B.5):
 * slot s holds m_s at means[s·d], chol Ψ_s at chol[s·d²], n_s and Σ_j ln L_jj.
 * `order[0..size)` lists the live slots in the order the sampler enumerates
 * them (that order decides which categorical index a draw lands on, so deletion
 * preserves it and new clusters go last). `assignment[i]` is point i's slot.
 */
export class ClusterPool {
  capacity = 0;
  size = 0;
  means = new Float64Array(0);
  chol = new Float64Array(0);
  counts = new Int32Array(0);
  halfLogDet = new Float64Array(0);
  /** Per slot, a stamp that changes whenever its (m, L) changes; unique over the pool's life. */
  stamp = new Int32Array(0);
  order = new Int32Array(0);
  private nextStamp = 0;
  private free: number[] = [];
  readonly assignment: Int32Array;
  private readonly u: Float64Array;
  private readonly mNew: Float64Array;

  constructor(
    readonly prior: NiwPrior,
    readonly points: Float64Array,
    readonly n: number,
    initialCapacity = 16,
  ) {
    this.assignment = new Int32Array(n).fill(-1);
    this.u = new Float64Array(prior.d);
    this.mNew = new Float64Array(prior.d);
    this.grow(Math.max(1, initialCapacity));
  }

  /** Appends an empty cluster holding the prior (m0, chol Ψ0, n = 0); returns its slot. */
  create(): number {
    if (this.free.length === 0) this.grow(this.capacity * 2);
    const slot = this.free.pop()!;
    const d = this.prior.d;
    this.means.set(this.prior.mean, slot * d);
    this.chol.set(this.prior.cholPsi, slot * d * d);
    this.counts[slot] = 0;
    this.refreshHalfLogDet(slot);
    this.order[this.size++] = slot;
    return slot;
  }

  /** B.5 add: c = κ0 + n; m′ = (c·m + x)/(c+1); Ψ′ = Ψ + ((c+1)/c)(x − m′)(x − m′)ᵀ. */
  add(slot: number, point: number): void {
    const d = this.prior.d;
    const c = this.prior.kappa0 + this.counts[slot];
    const mo = slot * d;
    const xo = point * d;
    for (let j = 0; j < d; j++) {
      const m = (c * this.means[mo + j] + this.points[xo + j]) / (c + 1);
      this.means[mo + j] = m;
      this.u[j] = this.points[xo + j] - m;
    }
    choleskyRankOne(this.chol, d, this.u, (c + 1) / c, 1, slot * d * d);
    this.counts[slot]++;
    this.assignment[point] = slot;
    this.refreshHalfLogDet(slot);
  }

  /**
   * B.5 remove: m′ = (c·m − x)/(c−1); Ψ′ = Ψ − (c/(c−1))(x − m)(x − m)ᵀ. A cluster
   * left empty is deleted without a downdate. Should rounding make the downdate
   * lose definiteness, the cluster is rebuilt from its members (B.3).
   */
  remove(slot: number, point: number): void {
    const d = this.prior.d;
    this.assignment[point] = -1;
    const count = --this.counts[slot];
    if (count === 0) {
      this.delete(slot);
      return;
    }
    const c = this.prior.kappa0 + count + 1;
    const mo = slot * d;
    const xo = point * d;
    for (let j = 0; j < d; j++) {
      const x = this.points[xo + j];
      this.u[j] = x - this.means[mo + j];
      this.mNew[j] = (c * this.means[mo + j] - x) / (c - 1);
    }
    this.means.set(this.mNew, mo);
    try {
      choleskyRankOne(this.chol, d, this.u, c / (c - 1), -1, slot * d * d);
      this.refreshHalfLogDet(slot);
    } catch (error) {
      if (!(error instanceof NotPositiveDefiniteError)) throw error;
      this.rebuild(slot);
    }
  }

  /** Recomputes slot's (m, chol Ψ) from its current members with the batch formulas (B.3). */
  rebuild(slot: number): void {
    const members: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.assignment[i] === slot) members.push(i);
    const d = this.prior.d;
    niwPosteriorBatch(this.prior, this.points, members, members.length, this.means, slot * d, this.chol, slot * d * d);
    this.counts[slot] = members.length;
    this.refreshHalfLogDet(slot);
  }

  /** Assigns `point` to `slot` without touching the statistics (call `rebuild` afterwards). */
  assignOnly(slot: number, point: number): void {
    this.assignment[point] = slot;
    this.counts[slot]++;
  }

  /** Grows the pools so that at least `capacity` clusters fit (slots keep their numbers). */
  reserve(capacity: number): void {
    if (capacity > this.capacity) this.grow(Math.max(capacity, this.capacity * 2));
  }

  /** Position of `slot` in `order`, or −1. */
  positionOf(slot: number): number {
    for (let p = 0; p < this.size; p++) if (this.order[p] === slot) return p;
    return -1;
  }

  private delete(slot: number): void {
    const p = this.positionOf(slot);
    this.order.copyWithin(p, p + 1, this.size);
    this.size--;
    this.free.push(slot);
  }

  /** Recomputes the cached Σ_j ln L_jj of `slot` (after any change of its statistics) and restamps it. */
  refreshHalfLogDet(slot: number): void {
    this.stamp[slot] = ++this.nextStamp;
    const d = this.prior.d;
    this.halfLogDet[slot] = logDetFromCholesky(this.chol, d, slot * d * d) / 2;
  }

  private grow(capacity: number): void {
    const d = this.prior.d;
    const means = new Float64Array(capacity * d);
    means.set(this.means);
    const chol = new Float64Array(capacity * d * d);
    chol.set(this.chol);
    const counts = new Int32Array(capacity);
    counts.set(this.counts);
    const halfLogDet = new Float64Array(capacity);
    halfLogDet.set(this.halfLogDet);
    const order = new Int32Array(capacity);
    order.set(this.order);
    const stamp = new Int32Array(capacity);
    stamp.set(this.stamp);
    // Free slots are popped from the end: push in reverse so low slots are used first.
    for (let s = capacity - 1; s >= this.capacity; s--) this.free.push(s);
    Object.assign(this, { means, chol, counts, halfLogDet, order, stamp, capacity });
  }
}
