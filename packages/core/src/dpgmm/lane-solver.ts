import { HeapRegion, type KernelHeap, kernelHeap, type KernelKind } from '../linalg/wasm/kernel-heap.ts';
import type { ClusterPool } from './cluster-pool.ts';

/**
 * The block sampler's hottest kernel, y_b = L⁻¹(x_b − m) and sq_b = ‖y_b‖² for the
 * lanes of a block (points in groups of four: element k of lane b at
 * (b >> 2)·4d + 4k + (b & 3)), in two implementations that give bit-identical results:
 * WebAssembly SIMD (linalg/wasm/kernels.c) and TypeScript. `xb`, `y`, `sq` may be
 * re-made between calls (wasm memory growth), so read them after each call, not before.
 */
export interface LaneSolver {
  readonly kind: KernelKind;
  /** Block points, lane layout [groups][d][4]. */
  readonly xb: Float64Array;
  /** Whitened residuals, same layout. */
  readonly y: Float64Array;
  /** ‖y_b‖² per lane. */
  readonly sq: Float64Array;
  /** Solves against L at chol[lo] ([d, d] row-major) and m at mean[mo], for lanes of `groups` groups. */
  solve(chol: Float64Array, lo: number, mean: Float64Array, mo: number, groups: number): void;
  /** The same against cluster `slot` of `pool`. */
  solveCluster(pool: ClusterPool, slot: number, groups: number): void;
  /** Prepares `solveCluster` for slots < `capacity` (may re-make `xb`, `y`, `sq`). */
  reserve(capacity: number): void;
  /**
   * Rows of the lanes' Gram matrix after a solve: out[i·4·groups + b] = y_{members[i]} · y_b
   * (the sum over k in increasing order) for i < r and every lane b.
   */
  gram(members: Int32Array, r: number, groups: number): Float64Array;
}

/** A lane solver of the given kind for d-dimensional points and `lanes` lanes (a multiple of 4). */
export function laneSolver(d: number, lanes: number, kind: KernelKind, maxMembers = lanes): LaneSolver {
  return kind === 'wasm-simd' ? new WasmLaneSolver(d, lanes, kernelHeap(), maxMembers) : new JsLaneSolver(d, lanes, maxMembers);
}

/** Forward substitution four lanes per pass (each L element loaded once per four points). */
export class JsLaneSolver implements LaneSolver {
  readonly kind = 'js';
  readonly xb: Float64Array;
  readonly y: Float64Array;
  readonly sq: Float64Array;
  private readonly grams: Float64Array;

  constructor(readonly d: number, lanes: number, maxMembers = lanes) {
    this.xb = new Float64Array(lanes * d);
    this.y = new Float64Array(lanes * d);
    this.sq = new Float64Array(lanes);
    this.grams = new Float64Array(maxMembers * lanes);
  }

  gram(members: Int32Array, r: number, groups: number): Float64Array {
    const { d, y, grams } = this;
    const lanes = 4 * groups;
    for (let i = 0; i < r; i++) {
      const a = members[i];
      const baseA = (a >> 2) * 4 * d + (a & 3);
      for (let b = 0; b < lanes; b++) {
        const baseB = (b >> 2) * 4 * d + (b & 3);
        let dot = 0;
        for (let k = 0; k < d; k++) dot += y[baseA + 4 * k] * y[baseB + 4 * k];
        grams[i * lanes + b] = dot;
      }
    }
    return grams;
  }

  reserve(): void {}

  solveCluster(pool: ClusterPool, slot: number, groups: number): void {
    const d = this.d;
    this.solve(pool.chol, slot * d * d, pool.means, slot * d, groups);
  }

  solve(chol: Float64Array, lo: number, mean: Float64Array, mo: number, groups: number): void {
    const d = this.d;
    const { xb, y, sq } = this;
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
}

/** Frees a solver's heap blocks once the solver itself is garbage. */
const releaseWhenCollected = new FinalizationRegistry<HeapRegion[]>((regions) => {
  for (const region of regions) region.release();
});

/**
 * The wasm kernel. Cluster factors are mirrored into wasm memory per slot and copied
 * again only when the pool's stamp for that slot has changed (a cluster changes a few
 * times per sweep and is solved against ~n/4 times).
 */
export class WasmLaneSolver implements LaneSolver {
  readonly kind = 'wasm-simd';
  private readonly xbRegion: HeapRegion;
  private readonly yRegion: HeapRegion;
  private readonly sqRegion: HeapRegion;
  /** (L, m) for `solve` calls with arbitrary arrays. */
  private readonly scratch: HeapRegion;
  private readonly gramRegion: HeapRegion;
  /** Per slot s: L_s at s·stride, then m_s; stride d² + d. */
  private mirror: HeapRegion | null = null;
  private mirrorStamp = new Int32Array(0);
  private readonly regions: HeapRegion[];
  private readonly stride: number;

  constructor(readonly d: number, private readonly lanes: number, private readonly heap: KernelHeap, maxMembers = lanes) {
    this.stride = d * d + d;
    this.xbRegion = new HeapRegion(heap, lanes * d);
    this.yRegion = new HeapRegion(heap, lanes * d);
    this.sqRegion = new HeapRegion(heap, lanes);
    this.scratch = new HeapRegion(heap, this.stride);
    this.gramRegion = new HeapRegion(heap, maxMembers * lanes);
    this.regions = [this.xbRegion, this.yRegion, this.sqRegion, this.scratch, this.gramRegion];
    releaseWhenCollected.register(this, this.regions);
  }

  get xb(): Float64Array {
    return this.xbRegion.array;
  }

  get y(): Float64Array {
    return this.yRegion.array;
  }

  get sq(): Float64Array {
    return this.sqRegion.array;
  }

  solve(chol: Float64Array, lo: number, mean: Float64Array, mo: number, groups: number): void {
    const d = this.d;
    const scratch = this.scratch.array;
    scratch.set(chol.subarray(lo, lo + d * d));
    scratch.set(mean.subarray(mo, mo + d), d * d);
    this.run(this.scratch.offset, groups);
  }

  reserve(capacity: number): void {
    if (capacity > this.mirrorStamp.length) this.growMirror(capacity);
  }

  solveCluster(pool: ClusterPool, slot: number, groups: number): void {
    const d = this.d;
    if (slot >= this.mirrorStamp.length) this.growMirror(pool.capacity);
    const at = slot * this.stride;
    if (this.mirrorStamp[slot] !== pool.stamp[slot]) {
      const mirror = this.mirror!.array;
      mirror.set(pool.chol.subarray(slot * d * d, (slot + 1) * d * d), at);
      mirror.set(pool.means.subarray(slot * d, (slot + 1) * d), at + d * d);
      this.mirrorStamp[slot] = pool.stamp[slot];
    }
    this.run(this.mirror!.offset + at * 8, groups);
  }

  gram(members: Int32Array, r: number, groups: number): Float64Array {
    const { d, heap, gramRegion } = this;
    const stride = 4 * groups * 8;
    for (let i = 0; i < r; i++) heap.gramRow(this.yRegion.offset, members[i], d, groups, gramRegion.offset + i * stride);
    return gramRegion.array;
  }

  /** Runs the kernel on (L, m) at byte `lm` (L first, m right after it). */
  private run(lm: number, groups: number): void {
    const d = this.d;
    this.heap.solveLanes(lm, lm + d * d * 8, this.xbRegion.offset, this.yRegion.offset, this.sqRegion.offset, d, groups);
  }

  /** Slots keep their numbers when a pool grows; the new mirror starts empty (stamp 0 = none). */
  private growMirror(capacity: number): void {
    if (this.mirror) {
      this.mirror.release();
      this.regions.splice(this.regions.indexOf(this.mirror), 1);
    }
    this.mirror = new HeapRegion(this.heap, capacity * this.stride);
    this.regions.push(this.mirror);
    this.mirrorStamp = new Int32Array(capacity);
  }
}
