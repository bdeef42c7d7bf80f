import { logDetFromCholesky, NotPositiveDefiniteError } from '../linalg/cholesky.ts';
import { choleskyRankOne } from '../linalg/cholesky-update.ts';
import { defaultKernels, type KernelKind } from '../linalg/wasm/kernel-heap.ts';
import type { ClusterPool } from './cluster-pool.ts';
import { laneSolver, type LaneSolver } from './lane-solver.ts';

/**
 * The inner loop of the block sampler: whitened residuals y_b = L_k⁻¹(x_b − m_k)
 * of all points of a block against one cluster, four right-hand sides per
 * triangular pass (`LaneSolver`: WebAssembly SIMD or TypeScript, bit-identical),
 * and the leave-block-out corrections. No allocation after construction.
 *
 * Lanes are stored in groups of four: element k of lane b lives at
 * (b >> 2)·4d + 4k + (b & 3). Unused lanes of the last group repeat lane 0.
 */
export class BlockScorer {
  readonly lanes: number;
  /** Leave-block-out Mahalanobis terms per lane (see `leaveOut`). */
  readonly maha: Float64Array;
  private readonly solver: LaneSolver;
  private readonly rowSum: Float64Array;
  private readonly q: Float64Array;
  private readonly v: Float64Array;
  private readonly scratchChol: Float64Array;
  private readonly scratchMean: Float64Array;
  private readonly scratchU: Float64Array;

  constructor(readonly d: number, readonly maxBlock: number, kernels: KernelKind = defaultKernels()) {
    this.lanes = Math.ceil(maxBlock / 4) * 4;
    this.solver = laneSolver(d, this.lanes, kernels, maxBlock);
    this.maha = new Float64Array(this.lanes);
    this.rowSum = new Float64Array(maxBlock);
    this.q = new Float64Array(maxBlock * maxBlock);
    this.v = new Float64Array(maxBlock);
    this.scratchChol = new Float64Array(d * d);
    this.scratchMean = new Float64Array(d);
    this.scratchU = new Float64Array(d);
  }

  get kernels(): KernelKind {
    return this.solver.kind;
  }

  /** Whitened residuals of the last solve, lane layout [groups][d][4]. */
  get y(): Float64Array {
    return this.solver.y;
  }

  /** ‖y_b‖² per lane, from the last solve. */
  get sq(): Float64Array {
    return this.solver.sq;
  }

  /** Loads points `block[0..count)` ([n, d] rows of `points`) into the lanes. */
  gather(points: Float64Array, block: Int32Array, count: number): void {
    const d = this.d;
    const xb = this.solver.xb;
    for (let b = 0; b < this.lanes; b++) {
      const src = block[b < count ? b : 0] * d;
      const base = (b >> 2) * 4 * d + (b & 3);
      for (let k = 0; k < d; k++) xb[base + 4 * k] = points[src + k];
    }
  }

  /** y_b = L⁻¹(x_b − m) and sq_b = ‖y_b‖² for every lane; L at chol[lo], m at mean[mo]. */
  solve(chol: Float64Array, lo: number, mean: Float64Array, mo: number, count: number): void {
    this.solver.solve(chol, lo, mean, mo, (count + 3) >> 2);
  }

  /**
   * Makes room for clusters in slots < `capacity` ahead of `solveCluster` (call before
   * scoring a block: growing the kernel memory re-makes `y` and `sq`).
   */
  reserve(capacity: number): void {
    this.solver.reserve(capacity);
  }

  /** The same against cluster `slot` of `pool` (its factors stay mirrored between calls). */
  solveCluster(pool: ClusterPool, slot: number, count: number): void {
    this.solver.solveCluster(pool, slot, (count + 3) >> 2);
  }

  /**
   * After `solve` against a cluster (κ = κ0 + n_k, its L, m) that contains the
   * block lanes `members[0..r)`, gives every lane's Mahalanobis term against the
   * same cluster WITHOUT those points, and returns its Σ ln L′_jj — without
   * touching L. With s = Σ_R (x_j − m) and κ′ = κ − r, B.3 gives
   * Ψ′ = Ψ − Σ_R (x_j−m)(x_j−m)ᵀ − s sᵀ/κ′ = L(I − Y M Yᵀ)Lᵀ, Y = [y_j]_R, M = I + 11ᵀ/κ′,
   * and x − m′ = (x − m) + s/κ′. Woodbury and the determinant lemma with
   * Q = M⁻¹ − YᵀY = I − 11ᵀ/κ − YᵀY (r×r) give
   *   ‖L′⁻¹(x − m′)‖² = ‖z‖² + (Yᵀz)ᵀ Q⁻¹ (Yᵀz),  z = y + Σ_R y_j/κ′,
   *   ln det Ψ′ = ln det Ψ + ln(κ/κ′) + ln det Q,
   * all from inner products of the lanes: O(r·B·d) instead of r downdates.
   * Returns NaN when Q is numerically not positive definite (caller falls back).
   */
  leaveOut(halfLogDet: number, kappa: number, members: Int32Array, r: number, count: number): number {
    const { rowSum, q, v, maha } = this;
    const kp = kappa - r;
    const groups = (count + 3) >> 2;
    // gram[i·lanes + b] = y_{members[i]} · y_b; then `sq` (a view: read after the kernel call).
    const gram = this.solver.gram(members, r, groups);
    const sq = this.solver.sq;
    const lanes = 4 * groups;
    let sRR = 0;
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let j = 0; j < r; j++) s += gram[i * lanes + members[j]];
      rowSum[i] = s;
      sRR += s;
    }
    // Q = I − 11ᵀ/κ − Y_Rᵀ Y_R, factorised in place (lower triangle).
    let halfLogDetQ = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j <= i; j++) {
        let s = (i === j ? 1 : 0) - 1 / kappa - gram[i * lanes + members[j]];
        for (let k = 0; k < j; k++) s -= q[i * r + k] * q[j * r + k];
        if (i === j) {
          if (!(s > 0)) return NaN;
          q[i * r + i] = Math.sqrt(s);
          halfLogDetQ += Math.log(q[i * r + i]);
        } else {
          q[i * r + j] = s / q[j * r + j];
        }
      }
    }
    for (let b = 0; b < count; b++) {
      let colSum = 0;
      for (let i = 0; i < r; i++) colSum += gram[i * lanes + b];
      const zz = sq[b] + (2 * colSum) / kp + sRR / (kp * kp);
      let ww = 0;
      for (let i = 0; i < r; i++) {
        let s = gram[i * lanes + b] + rowSum[i] / kp;
        for (let k = 0; k < i; k++) s -= q[i * r + k] * v[k];
        const w = s / q[i * r + i];
        v[i] = w;
        ww += w * w;
      }
      maha[b] = zz + ww;
    }
    return halfLogDet + 0.5 * Math.log(kappa / kp) + halfLogDetQ;
  }

  /**
   * The plain route for the same quantity: copy (m, L), downdate the member
   * points one by one (B.5), solve against the copy. Fills `maha`; returns the
   * copy's Σ ln L′_jj, or NaN if a downdate lost definiteness.
   */
  leaveOutByDowndate(
    points: Float64Array,
    block: Int32Array,
    chol: Float64Array,
    lo: number,
    mean: Float64Array,
    mo: number,
    kappa: number,
    members: Int32Array,
    r: number,
    count: number,
  ): number {
    const d = this.d;
    const { scratchChol, scratchMean, scratchU } = this;
    scratchChol.set(chol.subarray(lo, lo + d * d));
    scratchMean.set(mean.subarray(mo, mo + d));
    let c = kappa;
    for (let i = 0; i < r; i++) {
      const xo = block[members[i]] * d;
      for (let j = 0; j < d; j++) {
        const x = points[xo + j];
        scratchU[j] = x - scratchMean[j];
        scratchMean[j] = (c * scratchMean[j] - x) / (c - 1);
      }
      try {
        choleskyRankOne(scratchChol, d, scratchU, c / (c - 1), -1);
      } catch (error) {
        if (error instanceof NotPositiveDefiniteError) return NaN;
        throw error;
      }
      c -= 1;
    }
    this.solve(scratchChol, 0, scratchMean, 0, count);
    this.maha.set(this.sq);
    return logDetFromCholesky(scratchChol, d) / 2;
  }
}
