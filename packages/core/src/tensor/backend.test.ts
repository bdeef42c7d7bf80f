import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { getBackendInfo, initBackend } from './backend.ts';
import { describeAdapter, formatAdapter, noGpuDevice, notInstalled, refusedByAuto } from './webgpu-adapter.ts';

/** A fixed 3×4 · 4×2 product whose exact value is known: every entry is a small integer. */
const A = [1, 2, 3, 4, -1, 0, 2, 5, 3, 3, -2, 1];
const B = [1, 0, 0, 1, 2, -1, 1, 3];
const EXPECTED = [11, 11, 8, 13, 0, 8];

async function matmulOn(name: 'cpu' | 'wasm'): Promise<Float32Array> {
  const info = await initBackend(name);
  expect(info).toMatchObject({ name, requested: name, fellBackFrom: [], adapter: null });
  expect(tf.getBackend()).toBe(name);
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(A, [3, 4]), tf.tensor2d(B, [4, 2])));
  const values = (await product.data()) as Float32Array;
  product.dispose();
  return values;
}

describe('initBackend', () => {
  it('initialises cpu and wasm, which agree on a matmul', async () => {
    const cpu = await matmulOn('cpu');
    const wasm = await matmulOn('wasm');
    expect(Array.from(cpu)).toEqual(EXPECTED);
    expect(Array.from(wasm)).toEqual(EXPECTED);
  });

  it('agrees on a random matmul to float32 rounding', async () => {
    const a = Float32Array.from({ length: 64 * 64 }, (_, i) => Math.sin(i));
    const run = async (name: 'cpu' | 'wasm') => {
      await initBackend(name);
      const t = tf.tidy(() => tf.matMul(tf.tensor2d(a, [64, 64]), tf.tensor2d(a, [64, 64]), false, true));
      const v = (await t.data()) as Float32Array;
      t.dispose();
      return v;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    // Sums of 64 products of magnitude ≤ 1: summation order differs, so allow 64·ε32·64.
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(cpu[i] - wasm[i])).toBeLessThan(64 * 64 * 1.2e-7);
  });

  it('auto falls back past the native bindings, which are not installed here, and past a software WebGPU adapter', async () => {
    const info = await initBackend('auto');
    expect(info.requested).toBe('auto');
    expect(['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu']).toContain(info.name);
    if (info.name === 'wasm') {
      expect(info.fellBackFrom).toHaveLength(3);
      expect(info.fellBackFrom[0]).toMatch(/^tensorflow-gpu: /);
      // Here webgpu is skipped either for want of an adapter or because the only one is software (lavapipe).
      expect(info.fellBackFrom[2]).toMatch(/^webgpu: /);
      expect(info.adapter).toBeNull();
    }
    if (info.name === 'webgpu') expect(info.adapter?.software).toBe(false);
    expect(getBackendInfo()).toBe(info);
  });

  it('names the package to install for an unavailable explicit backend', async () => {
    let isolated = true;
    try {
      await import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node-gpu'].join('/'));
      isolated = false;
    } catch {
      // expected: not installed
    }
    if (!isolated) return;
    const error = await initBackend('tensorflow-gpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).parameter).toBe('backend');
    expect((error as Error).message).toContain('npm install @tensorflow/tfjs-node-gpu');
  });

  it('rejects an unknown preference', () => {
    expect(() => initBackend('metal')).toThrow(InvalidArgumentError);
  });
});

// GPUAdapterInfo as Dawn reports it for Mesa's lavapipe (measured here) and for an NVIDIA card.
describe('describeAdapter', () => {
  it('marks lavapipe software and an NVIDIA adapter hardware', () => {
    const lavapipe = describeAdapter({
      info: { vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)', isFallbackAdapter: true },
    });
    expect(lavapipe).toMatchObject({ vendor: 'mesa', architecture: 'software', software: true });
    expect(formatAdapter(lavapipe)).toBe('mesa software · llvmpipe-llvm-15-0-6-256-bits- (software)');
    // Older Dawn builds leave isFallbackAdapter out; the device name still gives llvmpipe away.
    expect(describeAdapter({ info: { vendor: 'mesa', architecture: '', device: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }).software).toBe(true);
    const nvidia = describeAdapter({ info: { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 570.124', isFallbackAdapter: false } });
    expect(nvidia.software).toBe(false);
    expect(formatAdapter(nvidia)).toBe('nvidia hopper · NVIDIA H200');
    // auto takes the hardware adapter and refuses the software one.
    expect(refusedByAuto(nvidia)).toBeNull();
    expect(refusedByAuto(lavapipe)).toMatch(/^only a software adapter \(mesa software .*\), slower than wasm$/);
  });
});

describe('noGpuDevice', () => {
  const fakeDev = (files: Record<string, string[]>) => (dir: string) => files[dir] ?? [];
  it('rules out a hardware adapter on Linux only without NVIDIA and DRI render nodes', () => {
    expect(noGpuDevice('linux', fakeDev({ '/dev': ['null', 'tty0'] }))).toMatch(/no GPU device/);
    expect(noGpuDevice('linux', fakeDev({ '/dev': ['nvidia0', 'nvidiactl'] }))).toBeNull();
    expect(noGpuDevice('linux', fakeDev({ '/dev': ['nvidiactl'], '/dev/dri': ['card0', 'renderD128'] }))).toBeNull();
    expect(noGpuDevice('linux', fakeDev({ '/dev': ['nvidiactl', 'nvidia-uvm'], '/dev/dri': ['card0'] }))).toMatch(/no GPU device/);
    expect(noGpuDevice('darwin', fakeDev({}))).toBeNull();
  });
});

describe('notInstalled', () => {
  it('turns a missing module into one line and passes other failures through', () => {
    expect(notInstalled(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' }), 'the webgpu package').message).toBe('the webgpu package is not installed');
    const broken = new Error('dawn.node: invalid ELF header');
    expect(notInstalled(broken, 'the webgpu package')).toBe(broken);
  });
});
