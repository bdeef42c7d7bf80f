import { defaultKernels, HeapRegion, kernelHeap, type KernelKind } from '../linalg/wasm/kernel-heap.ts';
import type { StudentTComponent } from './predictive-model.ts';

/** The random numbers of `count` draws, in the order the generator gave them (see sampleComponents). */
export interface StandardDraws {
  /** [count] component index per sample. */
  readonly component: Int32Array;
  /** [count, d] standard normals z per sample. */
  readonly z: Float64Array;
  /** [count] 1/√(u/ν) per sample. */
  readonly scale: Float64Array;
}

/** Samples per kernel call: 64 lane groups (the lane buffers stay at 2 × 128 KiB for d = 64). */
const CHUNK_GROUPS = 64;

/**
 * x_s = m + scale_s · L z_s for every draw s, with m, L of its component, written to `out`
 * [count, d]. Both kernels sum L_ij z_j over j ≤ i in increasing j from 0, then add m_i to
 * scale·sum, so their results are bit-identical.
 */
export function studentTDraws(
  components: readonly StudentTComponent[],
  draws: StandardDraws,
  out: Float64Array,
  kernels: KernelKind = defaultKernels(),
): void {
  if (kernels === 'wasm-simd') wasmDraws(components, draws, out);
  else jsDraws(components, draws, out);
}

function jsDraws(components: readonly StudentTComponent[], { component, z, scale }: StandardDraws, out: Float64Array): void {
  const d = components[0].loc.length;
  for (let s = 0; s < component.length; s++) {
    const { loc, scaleTril: l } = components[component[s]];
    const row = s * d;
    for (let i = 0; i < d; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) sum += l[i * d + j] * z[row + j];
      out[row + i] = loc[i] + scale[s] * sum;
    }
  }
}

/** Samples grouped by component (counting sort, each component's samples in increasing order). */
function byComponent(component: Int32Array, components: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(components + 1);
  for (let s = 0; s < component.length; s++) start[component[s] + 1]++;
  for (let k = 0; k < components; k++) start[k + 1] += start[k];
  const next = start.slice(0, components);
  const order = new Int32Array(component.length);
  for (let s = 0; s < component.length; s++) order[next[component[s]]++] = s;
  return { order, start };
}

function wasmDraws(components: readonly StudentTComponent[], { component, z, scale }: StandardDraws, out: Float64Array): void {
  const d = components[0].loc.length;
  const heap = kernelHeap();
  const chunk = CHUNK_GROUPS * 4;
  const factor = new HeapRegion(heap, d * d + d);
  const lanesIn = new HeapRegion(heap, chunk * d);
  const lanesOut = new HeapRegion(heap, chunk * d);
  const scales = new HeapRegion(heap, chunk);
  try {
    const { order, start } = byComponent(component, components.length);
    for (let k = 0; k < components.length; k++) {
      if (start[k] === start[k + 1]) continue;
      factor.array.set(components[k].scaleTril, 0);
      factor.array.set(components[k].loc, d * d);
      for (let first = start[k]; first < start[k + 1]; first += chunk) {
        const n = Math.min(chunk, start[k + 1] - first);
        const groups = Math.ceil(n / 4);
        const zl = lanesIn.array;
        const sc = scales.array;
        zl.fill(0, 0, groups * 4 * d);
        sc.fill(0, 0, groups * 4);
        for (let b = 0; b < n; b++) {
          const s = order[first + b];
          const base = (b >> 2) * 4 * d + (b & 3);
          for (let j = 0; j < d; j++) zl[base + 4 * j] = z[s * d + j];
          sc[b] = scale[s];
        }
        heap.trilLanes(factor.offset, factor.offset + d * d * 8, lanesIn.offset, scales.offset, lanesOut.offset, d, groups);
        const xl = lanesOut.array;
        for (let b = 0; b < n; b++) {
          const s = order[first + b];
          const base = (b >> 2) * 4 * d + (b & 3);
          for (let i = 0; i < d; i++) out[s * d + i] = xl[base + 4 * i];
        }
      }
    }
  } finally {
    scales.release();
    lanesOut.release();
    lanesIn.release();
    factor.release();
  }
}
