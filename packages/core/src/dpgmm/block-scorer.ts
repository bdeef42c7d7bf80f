import { choleskyRankOne, logDetFromCholesky, NotPositiveDefiniteError } from '../linalg/index.ts';

/**
 * The inner loop of the block sampler: whitened residuals y_b = L_k⁻¹(x_b − m_k)
 * of all points of a block against one cluster, four right-hand sides per
 * triangular pass (each L_k element is loaded once per four points, and the four
 * independent accumulators hide the add latency). No allocation after construction.
 *
 * Lanes are stored in groups of four: element k of lane b lives at
 * (b >> 2)·4d + 4k + (b & 3). Unused lanes of the last group repeat lane 0.
 */
export class BlockScorer {
  readonly lanes: number;
  /** Block points, lane layout [groups][d][4]. */
  readonly xb: Float64Array;
  /** Whitened residuals, same layout. */
  readonly y: Float64Array;
  /** ‖y_b‖² per lane. */
  readonly sq: Float64Array;
  /** Leave-block-out Mahalanobis terms per lane (see `leaveOut`). */
  readonly maha: Float64Array;
  private readonly gram: Float64Array;
  private readonly rowSum: Float64Array;
  private readonly q: Float64Array;
  private readonly v: Float64Array;
  private readonly scratchChol: Float64Array;
  private readonly scratchMean: Float64Array;
  private readonly scratchU: Float64Array;

  constructor(readonly d: number, readonly maxBlock: number) {
    this.lanes = Math.ceil(maxBlock / 4) * 4;
    this.xb = new Float64Array(this.lanes * d);
    this.y = new Float64Array(this.lanes * d);
    this.sq = new Float64Array(this.lanes);
    this.maha = new Float64Array(this.lanes);
    this.gram = new Float64Array(maxBlock * maxBlock);
    this.rowSum = new Float64Array(maxBlock);
    this.q = new Float64Array(maxBlock * maxBlock);
    this.v = new Float64Array(maxBlock);
    this.scratchChol = new Float64Array(d * d);
    this.scratchMean = new Float64Array(d);
    this.scratchU = new Float64Array(d);
  }

  /** Loads points `block[0..count)` ([n, d] rows of `points`) into the lanes. */
  gather(points: Float64Array, block: Int32Array, count: number): void {
    const d = this.d;
    for (let b = 0; b < this.lanes; b++) {
      const src = block[b < count ? b : 0] * d;
      const base = (b >> 2) * 4 * d + (b & 3);
      for (let k = 0; k < d; k++) this.xb[base + 4 * k] = points[src + k];
    }
  }

  /** y_b = L⁻¹(x_b − m) and sq_b = ‖y_b‖² for every lane; L at chol[lo], m at mean[mo]. */
  solve(chol: Float64Array, lo: number, mean: Float64Array, mo: number, count: number): void {
    const d = this.d;
    const { xb, y, sq } = this;
    const groups = (count + 3) >> 2;
    for (let g = 0; g < groups; g++) {
      const base = g * 4 * d;
      let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
      for (let i = 0; i < d; i++) {
        const row = lo + i * d;
        const mi = mean[mo + i];
        const xi = base + 4 * i;
        let s0 = xb[xi] - mi, s1 = xb[xi + 1] - mi, s2 = xb[xi + 2] - mi, s3 = xb[xi + 3] - mi;
        for (let k = 0; k < i; k++) {
          const l = chol[row + k];
          const yk = base + 4 * k;
          s0 -= l * y[yk];
          s1 -= l * y[yk + 1];
          s2 -= l * y[yk + 2];
          s3 -= l * y[yk + 3];
        }
        const inv = 1 / chol[row + i];
        s0 *= inv; s1 *= inv; s2 *= inv; s3 *= inv;
        y[xi] = s0; y[xi + 1] = s1; y[xi + 2] = s2; y[xi + 3] = s3;
        q0 += s0 * s0; q1 += s1 * s1; q2 += s2 * s2; q3 += s3 * s3;
      }
      sq[4 * g] = q0; sq[4 * g + 1] = q1; sq[4 * g + 2] = q2; sq[4 * g + 3] = q3;
    }
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
    const d = this.d;
    const { y, sq, gram, rowSum, q, v, maha } = this;
    const kp = kappa - r;
    for (let i = 0; i < r; i++) {
      const a = members[i];
      const baseA = (a >> 2) * 4 * d + (a & 3);
      for (let b = 0; b < count; b++) {
        const baseB = (b >> 2) * 4 * d + (b & 3);
        let dot = 0;
        for (let k = 0; k < d; k++) dot += y[baseA + 4 * k] * y[baseB + 4 * k];
        gram[i * count + b] = dot;
      }
    }
    let sRR = 0;
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let j = 0; j < r; j++) s += gram[i * count + members[j]];
      rowSum[i] = s;
      sRR += s;
    }
    // Q = I − 11ᵀ/κ − Y_Rᵀ Y_R, factorised in place (lower triangle).
    let halfLogDetQ = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j <= i; j++) {
        let s = (i === j ? 1 : 0) - 1 / kappa - gram[i * count + members[j]];
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
      for (let i = 0; i < r; i++) colSum += gram[i * count + b];
      const zz = sq[b] + (2 * colSum) / kp + sRR / (kp * kp);
      let ww = 0;
      for (let i = 0; i < r; i++) {
        let s = gram[i * count + b] + rowSum[i] / kp;
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
