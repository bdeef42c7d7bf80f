// tfjs-layers' node bundle registers every tfjs-core gradient (tfjs-core alone registers none).
import '@tensorflow/tfjs-layers';
import { type BackendInfo, initBackend } from '../tensor/index.ts';
import { registerWasmTrainingKernels } from './wasm-kernels/index.ts';

/**
 * Prepares TensorFlow.js for training and inference of classfit networks:
 * gradients registered, classfit's wasm training kernels installed, backend
 * chosen by `initBackend` (tensorflow-gpu → tensorflow → wasm → cpu for 'auto').
 * @param preference backend name or 'auto' (default: core's `backendPreference()`)
 */
export async function initTrainingBackend(preference?: string): Promise<BackendInfo> {
  await registerWasmTrainingKernels();
  return initBackend(preference);
}
