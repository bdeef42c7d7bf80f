import { defaultKernels, type KernelKind } from '../linalg/wasm/kernel-heap.ts';
import { laneSolver, type LaneSolver } from './lane-solver.ts';
import type { SampledGaussian } from './niw-stats.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The batched step of the sub-cluster sampler: ln N(x_i | μ, Σ) of a set of points under one
 * Gaussian at a time, ln N = −(d/2) ln 2π − ½ ln|Σ| − ½‖L⁻¹(x − μ)‖² (Σ = L Lᵀ). The points are
 * loaded once (`load`) into the lane layout of the collapsed sampler's triangular-solve kernel
 * (`LaneSolver`: WebAssembly SIMD or its bit-identical TypeScript twin), then every component is
 * one pass over all of them (`score`), n·d²/2 multiply-adds four points at a time.
 * Each entry depends only on (x_i, component), so the result does not depend on the kernel kind.
 */
export class GaussianScorer {
  private solver: LaneSolver;
  private capacity: number;
  private count = 0;

  constructor(readonly d: number, capacity: number, private readonly kernels: KernelKind = defaultKernels()) {
    this.capacity = lanesFor(capacity);
    this.solver = laneSolver(d, this.capacity, kernels, 1);
  }

  get kind(): KernelKind {
    return this.solver.kind;
  }

  /** Loads rows `members[0..count)` of `points` [n, d] (unused lanes of the last group repeat the first row). */
  load(points: Float64Array, members: ArrayLike<number>, count: number): void {
    const d = this.d;
    if (lanesFor(count) > this.capacity) {
      this.capacity = lanesFor(count);
      this.solver = laneSolver(d, this.capacity, this.kernels, 1);
    }
    this.count = count;
    const xb = this.solver.xb;
    const lanes = lanesFor(count);
    for (let b = 0; b < lanes; b++) {
      const src = (b < count ? members[b] : members[0]) * d;
      const base = (b >> 2) * 4 * d + (b & 3);
      for (let k = 0; k < d; k++) xb[base + 4 * k] = points[src + k];
    }
  }

  /**
   * out[offset + i·stride] = logWeight + ln N(x_i | g) for the loaded points i < count.
   * @param out written at `count` places, `stride` apart from `offset`
   */
  score(g: SampledGaussian, logWeight: number, out: Float64Array, offset: number, stride: number): void {
    if (this.count === 0) return;
    this.solver.solve(g.chol, 0, g.mean, 0, lanesFor(this.count) / 4);
    const sq = this.solver.sq;
    const base = logWeight - this.d * HALF_LOG_TWO_PI - g.halfLogDet;
    for (let i = 0; i < this.count; i++) out[offset + i * stride] = base - 0.5 * sq[i];
  }
}

function lanesFor(count: number): number {
  return Math.max(4, Math.ceil(count / 4) * 4);
}
