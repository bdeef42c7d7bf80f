import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { getBackendInfo, initBackend } from './backend.ts';

/** A fixed 3×4 · 4×2 product whose exact value is known: every entry is a small integer. */
const A = [1, 2, 3, 4, -1, 0, 2, 5, 3, 3, -2, 1];
const B = [1, 0, 0, 1, 2, -1, 1, 3];
const EXPECTED = [11, 11, 8, 13, 0, 8];

async function matmulOn(name: 'cpu' | 'wasm'): Promise<Float32Array> {
  const info = await initBackend(name);
  expect(info).toMatchObject({ name, requested: name, fellBackFrom: [] });
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

  it('auto falls back past the native bindings, which are not installed here', async () => {
    const info = await initBackend('auto');
    expect(info.requested).toBe('auto');
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(info.name);
    if (info.name === 'wasm') {
      expect(info.fellBackFrom).toHaveLength(2);
      expect(info.fellBackFrom[0]).toMatch(/^tensorflow-gpu: /);
    }
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
