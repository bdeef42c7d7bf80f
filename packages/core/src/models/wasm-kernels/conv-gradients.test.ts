import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, normalValues, onBackend, readAll } from '../testing/backends.ts';

interface Case {
  readonly size: [number, number];
  readonly kernel: number;
  readonly channels: [number, number];
  readonly stride: number;
  readonly pad: 'same' | 'valid';
}

const CASES: Case[] = [];
for (const stride of [1, 2]) {
  for (const pad of ['same', 'valid'] as const) {
    CASES.push({ size: [9, 9], kernel: 3, channels: [3, 5], stride, pad });
    CASES.push({ size: [8, 7], kernel: 3, channels: [4, 2], stride, pad });
    CASES.push({ size: [7, 7], kernel: 1, channels: [4, 6], stride, pad });
  }
}

/** dx and dW of Σ r ⊙ conv2d(x, W) on one backend, through its registered gradient kernels. */
function convGradients(c: Case, seed: number): Float32Array[] {
  const [h, w] = c.size;
  const [ci, co] = c.channels;
  const x = tf.tensor4d(normalValues(2 * h * w * ci, seed), [2, h, w, ci]);
  const filter = tf.tensor4d(normalValues(c.kernel * c.kernel * ci * co, seed + 1), [c.kernel, c.kernel, ci, co]);
  const outShape = tf.tidy(() => tf.conv2d(x, filter, c.stride, c.pad).shape);
  const r = tf.tensor(normalValues(outShape.reduce((a, b) => a * b, 1), seed + 2), outShape);
  const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r)));
  const [dx, dw] = grads([x, filter]);
  tf.dispose([x, filter, r]);
  return readAll([dx, dw]);
}

describe('wasm conv gradient kernels match the cpu backend', () => {
  it.each(CASES)('$kernel×$kernel stride $stride $pad on $size', async (c) => {
    const cpu = await onBackend('cpu', () => convGradients(c, 7));
    const before = await onBackend('wasm', () => tf.memory().numTensors);
    const wasm = await onBackend('wasm', () => convGradients(c, 7));
    expect(tf.memory().numTensors).toBe(before);
    for (const [k, name] of ['dx', 'dW'].entries()) {
      const { diff, scale } = maxAbsDiff(wasm[k], cpu[k]);
      // float32 sums of ≤ 2·9·9·5 products of N(0,1) values: rounding ≲ 1e-5 relative; 1e-4 leaves margin.
      expect(diff, `${name}: max |wasm − cpu| ${diff} at scale ${scale}`).toBeLessThanOrEqual(1e-4 * Math.max(1, scale));
      expect(scale).toBeGreaterThan(0);
    }
  });
});
