import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JsLaneSolver, WasmLaneSolver } from '../../dpgmm/lane-solver.ts';
import { InvalidArgumentError } from '../../errors/index.ts';
import { createRng, type Rng } from '../../rng/index.ts';
import { defaultKernels, HeapRegion, KernelHeap, kernelHeap } from './kernel-heap.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const hasToolchain = ['clang-14', 'wasm-ld-14'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

/** The bit patterns of doubles: equal arrays of these mean bit-identical results (−0 ≠ +0, NaN payloads). */
function bits(values: ArrayLike<number>): bigint[] {
  return Array.from(new BigUint64Array(Float64Array.from(values).buffer));
}

/** A lower-triangular [d, d] factor with diagonal spread over 6 orders of magnitude. */
function randomFactor(rng: Rng, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < i; k++) l[i * d + k] = rng.normal();
    l[i * d + i] = Math.exp(3 * rng.normal());
  }
  return l;
}

describe('kernels.wasm', () => {
  it.skipIf(!hasToolchain)('is what build-kernels.sh makes of kernels.c (clang-14 + lld-14 installed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'classfit-kernels-'));
    try {
      execFileSync(join(here, 'build-kernels.sh'), [join(dir, 'kernels.wasm')]);
      expect(readFileSync(join(dir, 'kernels.wasm')).equals(readFileSync(join(here, 'kernels.wasm'))), 'rebuild kernels.wasm').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('solve_lanes and gram_row give bit for bit their TypeScript twins (d = 1…65, 1–3 lane groups)', () => {
    const rng = createRng(11, 0);
    for (const d of [1, 2, 3, 4, 5, 7, 8, 16, 31, 63, 64, 65]) {
      for (const groups of [1, 2, 3]) {
        const lanes = 4 * groups;
        const js = new JsLaneSolver(d, lanes);
        const wasm = new WasmLaneSolver(d, lanes, kernelHeap());
        const chol = randomFactor(rng, d);
        const mean = Float64Array.from({ length: d }, () => 10 * rng.normal());
        const x = Float64Array.from({ length: lanes * d }, () => 10 * rng.normal() + (rng.uniform() < 0.05 ? 1e-300 : 0));
        js.xb.set(x);
        wasm.xb.set(x);
        js.solve(chol, 0, mean, 0, groups);
        wasm.solve(chol, 0, mean, 0, groups);
        expect(bits(wasm.y), `y, d = ${d}, groups = ${groups}`).toEqual(bits(js.y));
        expect(bits(wasm.sq), `sq, d = ${d}, groups = ${groups}`).toEqual(bits(js.sq));
        const members = Int32Array.from({ length: lanes }, (_, i) => (i * 3) % lanes);
        const r = 1 + (d % lanes);
        const size = r * lanes;
        expect(bits(wasm.gram(members, r, groups).subarray(0, size)), `gram, d = ${d}`).toEqual(bits(js.gram(members, r, groups).subarray(0, size)));
      }
    }
  });

  it('propagates NaN and ±Infinity exactly as the TypeScript twin does', () => {
    const d = 6;
    const js = new JsLaneSolver(d, 4);
    const wasm = new WasmLaneSolver(d, 4, kernelHeap());
    const chol = randomFactor(createRng(3, 0), d);
    chol[3 * d + 3] = 0; // 1/0 = ∞ from row 3 on
    const x = Float64Array.from({ length: 4 * d }, (_, i) => (i === 5 ? Number.NaN : i - 7));
    js.xb.set(x);
    wasm.xb.set(x);
    js.solve(chol, 0, new Float64Array(d), 0, 1);
    wasm.solve(chol, 0, new Float64Array(d), 0, 1);
    expect(wasm.sq.some((v) => Number.isNaN(v))).toBe(true);
    expect(bits(wasm.y)).toEqual(bits(js.y));
    expect(bits(wasm.sq)).toEqual(bits(js.sq));
  });
});

describe('KernelHeap', () => {
  /** A heap of its own (not this thread's), so the layout assertions see only their own blocks. */
  const fresh = (): KernelHeap => new KernelHeap(compiledModuleForTests());

  it('reuses released blocks first-fit and merges neighbours', () => {
    const heap = fresh();
    const base = heap.highWater;
    const a = heap.allocate(10); // 80 bytes
    const b = heap.allocate(10);
    const c = heap.allocate(10);
    expect([b - a, c - b]).toEqual([80, 80]);
    heap.release(b, 10);
    expect(heap.allocate(4)).toBe(b); // first fit, 32 bytes of b's 80
    heap.release(b, 4);
    heap.release(a, 10);
    expect(heap.allocate(20)).toBe(a); // a and b merged into 160 bytes
    heap.release(a, 20);
    heap.release(c, 10);
    expect(heap.highWater).toBe(base); // everything merged back into the top
  });

  it('growing the memory bumps the generation; HeapRegion re-views with the contents kept', () => {
    const heap = fresh();
    const region = new HeapRegion(heap, 100);
    region.array.set(Float64Array.from({ length: 100 }, (_, i) => i * 1.5));
    const before = heap.generation;
    const old = region.array;
    const big = new HeapRegion(heap, 4_000_000); // 32 MB: forces growth
    expect(heap.generation).toBeGreaterThan(before);
    expect(old.length).toBe(0); // the old view is detached …
    expect(Array.from(region.array)).toEqual(Array.from({ length: 100 }, (_, i) => i * 1.5)); // … the region's is not
    big.release();
  });
});

describe('defaultKernels (CLASSFIT_KERNELS)', () => {
  it('auto picks wasm SIMD where Node has it, js is always allowed, anything else is refused by name', () => {
    expect(defaultKernels('auto')).toBe('wasm-simd');
    expect(defaultKernels('wasm')).toBe('wasm-simd');
    expect(defaultKernels('js')).toBe('js');
    expect(() => defaultKernels('native')).toThrowError(InvalidArgumentError);
    expect(() => defaultKernels('native')).toThrowError(/CLASSFIT_KERNELS/);
  });
});

function compiledModuleForTests(): object {
  return new (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object } }).WebAssembly.Module(
    readFileSync(join(here, 'kernels.wasm')),
  );
}
