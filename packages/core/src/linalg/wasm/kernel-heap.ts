import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../../errors/index.ts';

/** Which implementation of the sampler's hot kernels runs: WebAssembly SIMD, or the TypeScript twins. */
export type KernelKind = 'wasm-simd' | 'js';

/** The exports of kernels.wasm; pointers are byte offsets into the heap's memory. */
interface KernelExports {
  solve_lanes(l: number, m: number, x: number, y: number, sq: number, d: number, groups: number): void;
  gram_row(y: number, a: number, d: number, groups: number, out: number): void;
  tril_lanes(l: number, m: number, z: number, scale: number, out: number, d: number, groups: number): void;
  __heap_base: { value: number };
}

/**
 * The part of the WebAssembly JS API used here. @types/node 20 does not declare it and
 * lib.dom would declare it differently per consumer, so it is typed locally.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
const ALIGN = 16;

/**
 * One thread's instance of kernels.wasm and the memory it reads and writes, with a
 * first-fit allocator over that memory. Growing the memory detaches every typed-array
 * view of it, so holders of views compare `generation` before use and re-view after a
 * change (see `HeapRegion`).
 */
export class KernelHeap {
  /** Incremented whenever the memory grows (old views are then detached). */
  generation = 0;
  readonly solveLanes: KernelExports['solve_lanes'];
  readonly gramRow: KernelExports['gram_row'];
  readonly trilLanes: KernelExports['tril_lanes'];
  private readonly memory: WasmMemory;
  private top: number;
  /** Free blocks [offset, bytes], sorted by offset, never adjacent (merged). */
  private readonly free: [number, number][] = [];

  constructor(module: object) {
    this.memory = new wasm.Memory({ initial: 16 });
    const exports = new wasm.Instance(module, { env: { memory: this.memory } }).exports as KernelExports;
    this.solveLanes = exports.solve_lanes;
    this.gramRow = exports.gram_row;
    this.trilLanes = exports.tril_lanes;
    this.top = align(exports.__heap_base.value);
  }

  /** Bytes of linear memory in use by the allocator (the high-water mark). */
  get highWater(): number {
    return this.top;
  }

  /** Reserves `length` float64s; returns the byte offset (16-byte aligned, contents unspecified). */
  allocate(length: number): number {
    const bytes = align(length * 8);
    for (let i = 0; i < this.free.length; i++) {
      const [offset, size] = this.free[i];
      if (size < bytes) continue;
      if (size === bytes) this.free.splice(i, 1);
      else this.free[i] = [offset + bytes, size - bytes];
      return offset;
    }
    const offset = this.top;
    this.top += bytes;
    const needed = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (needed > 0) {
      // Grow by at least half again, so n allocations cost O(log n) detaching growths.
      this.memory.grow(Math.max(needed, Math.ceil(this.memory.buffer.byteLength / PAGE / 2)));
      this.generation++;
    }
    return offset;
  }

  /** Returns a block from `allocate(length)` to the free list (merging neighbours). */
  release(offset: number, length: number): void {
    let bytes = align(length * 8);
    let start = offset;
    let i = this.free.findIndex(([o]) => o > offset);
    if (i < 0) i = this.free.length;
    const next = this.free[i];
    if (next && start + bytes === next[0]) {
      bytes += next[1];
      this.free.splice(i, 1);
    }
    const previous = this.free[i - 1];
    if (previous && previous[0] + previous[1] === start) {
      start = previous[0];
      bytes += previous[1];
      this.free.splice(i - 1, 1);
      i--;
    }
    if (start + bytes === this.top) this.top = start;
    else this.free.splice(i, 0, [start, bytes]);
  }

  /** A Float64Array view of `length` doubles at byte `offset` (valid until `generation` changes). */
  view(offset: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, offset, length);
  }
}

/** A block of float64s on a KernelHeap whose view is re-made when the memory has grown. */
export class HeapRegion {
  readonly offset: number;
  private cached: Float64Array;
  private generation: number;

  constructor(readonly heap: KernelHeap, readonly length: number) {
    this.offset = heap.allocate(length);
    this.generation = heap.generation;
    this.cached = heap.view(this.offset, length);
  }

  /** The current view (cheap when the memory has not grown since the last call). */
  get array(): Float64Array {
    if (this.generation !== this.heap.generation) {
      this.generation = this.heap.generation;
      this.cached = this.heap.view(this.offset, this.length);
    }
    return this.cached;
  }

  release(): void {
    this.heap.release(this.offset, this.length);
  }
}

let compiled: { module: object } | { error: string } | undefined;
let threadHeap: KernelHeap | undefined;

/** Compiles kernels.wasm once per thread; the reason when this runtime cannot run it (no wasm SIMD). */
function compiledKernels(): { module: object } | { error: string } {
  if (compiled === undefined) {
    const bytes = readFileSync(new URL('./kernels.wasm', import.meta.url));
    compiled = wasm.validate(bytes)
      ? { module: new wasm.Module(bytes) }
      : { error: `this runtime (Node ${process.version}) does not validate kernels.wasm (it needs WebAssembly SIMD)` };
  }
  return compiled;
}

/**
 * The kernels to use: `CLASSFIT_KERNELS` = `auto` (default: WebAssembly SIMD where the
 * runtime has it, else the TypeScript twins), `wasm` (required) or `js`.
 * Both give bit-identical results; only the speed differs.
 * @throws InvalidArgumentError for an unknown value, or `wasm` where it cannot run
 */
export function defaultKernels(preference: string = process.env.CLASSFIT_KERNELS ?? 'auto'): KernelKind {
  if (preference === 'js') return 'js';
  if (preference !== 'auto' && preference !== 'wasm') {
    throw new InvalidArgumentError('CLASSFIT_KERNELS', `must be auto, wasm or js, got ${JSON.stringify(preference)}`);
  }
  const kernels = compiledKernels();
  if ('module' in kernels) return 'wasm-simd';
  if (preference === 'wasm') throw new InvalidArgumentError('CLASSFIT_KERNELS', `wasm requested but ${kernels.error}`);
  return 'js';
}

/** This thread's kernel heap (created on first use). @throws Error where wasm SIMD is unavailable */
export function kernelHeap(): KernelHeap {
  if (threadHeap === undefined) {
    const kernels = compiledKernels();
    if (!('module' in kernels)) throw new Error(kernels.error);
    threadHeap = new KernelHeap(kernels.module);
  }
  return threadHeap;
}

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
