import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installNavigatorGpu, notInstalled } from './webgpu-adapter.ts';

const require = createRequire(import.meta.url);

/**
 * Imports an optional native binding (`@tensorflow/tfjs-node[-gpu]`). The name
 * goes through a variable so neither TypeScript nor bundlers require it to exist:
 * these packages download libtensorflow at install time and are never dependencies.
 */
export async function tryNativeBinding(packageName: string): Promise<void> {
  try {
    require.resolve(packageName);
  } catch {
    throw new Error(`${packageName} is not installed`);
  }
  const specifier: string = packageName;
  await import(specifier);
}

/**
 * Registers the WebAssembly backend for Node: the .wasm binaries are read from
 * the package's dist folder, SIMD on. Its pthread pool cannot start in Node
 * (no cross-origin-isolated workers), so the single-threaded binary is forced.
 */
export async function registerWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const prefix = process.platform === 'win32' ? pathToFileURL(dist).href : dist;
  wasm.setWasmPaths(`${prefix}/`);
}

/**
 * Registers the WebGPU backend (optional `@tensorflow/tfjs-backend-webgpu`)
 * after `installNavigatorGpu` has given Node a Dawn `navigator.gpu`; the
 * package registers 'webgpu' at import time only when that exists.
 */
export async function registerWebGpu(): Promise<void> {
  await installNavigatorGpu();
  await import('@tensorflow/tfjs-backend-webgpu').catch((error: unknown) => {
    throw notInstalled(error, '@tensorflow/tfjs-backend-webgpu');
  });
}

/** Registers the plain JavaScript backend (pure JS, slowest, always available). */
export async function registerCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
}

/** Silences the cpu backend's one-time "install tfjs-node" banner; classfit reports the backend itself. */
export function silenceCpuBanner(): void {
  const backend = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (backend && 'firstUse' in backend) backend.firstUse = false;
}
