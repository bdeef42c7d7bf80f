import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { normalValues, onBackend } from '../testing/backends.ts';

const CASES: { shape: number[]; reps: number[]; dtype: 'float32' | 'int32' }[] = [
  { shape: [1, 1, 1, 5], reps: [2, 3, 4, 1], dtype: 'float32' }, // the batch-norm gradient's case
  { shape: [2, 3], reps: [3, 2], dtype: 'float32' },
  { shape: [4], reps: [3], dtype: 'int32' },
  { shape: [2, 1, 3], reps: [1, 4, 1], dtype: 'float32' },
  { shape: [2, 2, 2], reps: [2, 2, 2], dtype: 'float32' }, // view rank 6: falls back to the built-in kernel
];

describe('wasm Tile replacement', () => {
  it.each(CASES)('tiles $shape by $reps ($dtype) exactly as the cpu backend', async ({ shape, reps, dtype }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Array.from(normalValues(size, 3), (v) => (dtype === 'int32' ? Math.round(10 * v) : v));
    const run = () => tf.tidy(() => Array.from(tf.tile(tf.tensor(values, shape, dtype), reps).dataSync()));
    const cpu = await onBackend('cpu', run);
    const wasm = await onBackend('wasm', run);
    expect(wasm).toEqual(cpu); // a copy: bit-identical
  });
});
