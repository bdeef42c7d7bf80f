/**
 * Test-only: the webgpu project's access to the backend. Never imported by library code.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type BackendInfo, initBackend } from '../tensor/index.ts';

/** Set by .ci/run: a missing WebGPU adapter fails the webgpu project instead of skipping it. */
export const WEBGPU_REQUIRED = process.env.CLASSFIT_REQUIRE_WEBGPU === '1';

let probe: Promise<string | null> | null = null;

/**
 * Why `webgpu` cannot be initialised here, or null when it can. Leaves the
 * backend switched to webgpu on success. Cached per process.
 */
export function webgpuUnavailable(): Promise<string | null> {
  probe ??= initBackend('webgpu').then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  return probe;
}

/**
 * Switches to the webgpu backend with CPU forwarding off: tfjs-backend-webgpu
 * otherwise runs ops on tensors under 1000 elements on its CPU fallback, and
 * these tests are small, so without this they would not exercise the shaders.
 */
export async function useWebGpu(): Promise<BackendInfo> {
  const info = await initBackend('webgpu');
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  return info;
}

/**
 * Runs `body` and asserts that it leaves as many live tensors (and bytes) as it found.
 * @returns what `body` returned
 */
export async function withoutLeaks<T>(body: () => Promise<T>): Promise<T> {
  const before = tf.memory();
  const result = await body();
  const after = tf.memory();
  if (after.numTensors !== before.numTensors || after.numBytes !== before.numBytes) {
    throw new Error(`leaked ${after.numTensors - before.numTensors} tensors (${after.numBytes - before.numBytes} bytes) on ${tf.getBackend()}`);
  }
  return result;
}
