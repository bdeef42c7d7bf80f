import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { tileConfig } from './tile.ts';

/** Kernel records installed so far (the Tile record wraps the built-in, so it is made once). */
let installed: readonly KernelConfig[] | null = null;

/**
 * Registers classfit's wasm training kernels (tfjs-backend-wasm 4.22):
 * `Conv2DBackpropFilter` is missing there; the built-in `Conv2DBackpropInput`
 * and `Tile` (which the batch-norm gradient runs on full activation tensors)
 * are scalar loops ~10× slower than the replacements. Imports the wasm package
 * first (its import registers the built-ins and would overwrite ours), then
 * replaces kernels of the same name. Idempotent; other backends are untouched.
 */
export async function registerWasmTrainingKernels(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  installed ??= [conv2dBackpropFilterConfig, conv2dBackpropInputConfig, tileConfig(tf.getKernel(tf.Tile, 'wasm'))];
  for (const config of installed) {
    const existing = tf.getKernel(config.kernelName, config.backendName);
    if (existing?.kernelFunc === config.kernelFunc) continue;
    if (existing) tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel(config);
  }
}

export { conv2dBackpropFilter } from './conv2d-backprop-filter.ts';
export { conv2dBackpropInput } from './conv2d-backprop-input.ts';
export { tileByBroadcast } from './tile.ts';
