import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../rng/index.ts';
import { initTrainingBackend } from '../runtime.ts';

/** Runs `f` on the named backend and returns its result as plain arrays (tensors disposed). */
export async function onBackend<T>(name: 'cpu' | 'wasm', f: () => T): Promise<T> {
  await initTrainingBackend(name);
  return f();
}

/** Seeded standard-normal values as a Float32Array (test inputs reproducible across backends). */
export function normalValues(size: number, seed: number): Float32Array {
  const rng = createRng(seed, 0);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal();
  return out;
}

/** Largest |a − b| and largest |b| over two equal-length arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return { diff, scale };
}

/** Reads a list of tensors to Float32Arrays and disposes them. */
export function readAll(tensors: readonly tf.Tensor[]): Float32Array[] {
  const out = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose([...tensors]);
  return out;
}
