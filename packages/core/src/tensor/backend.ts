import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/index.ts';
import { registerCpu, registerWasm, registerWebGpu, silenceCpuBanner, tryNativeBinding } from './backend-loaders.ts';
import { type GpuAdapter, noGpuDevice, probeAdapter, refusedByAuto } from './webgpu-adapter.ts';

/**
 * Backends classfit can run TensorFlow.js kernels on, in the order `auto` tries
 * them. Every one computes in float32 (WebGPU has no float64 at all); the exact
 * Float64 kernels are separate code paths, never a backend.
 */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendPreference = BackendName | 'auto';

/** The backend in use, as reported wherever results are shown (DESIGN.md §3). */
export interface BackendInfo {
  /** The backend that was initialised. */
  readonly name: BackendName;
  /** What was asked for ('auto' or an explicit name). */
  readonly requested: BackendPreference;
  /** One line per faster backend that `auto` tried and skipped, with the reason. */
  readonly fellBackFrom: readonly string[];
  /** The WebGPU adapter when `name` is 'webgpu', else null. */
  readonly adapter: GpuAdapter | null;
}

/** How to get each backend when it is missing. */
const INSTALL_HINT: Record<BackendName, string> = {
  'tensorflow-gpu': 'npm install @tensorflow/tfjs-node-gpu (needs CUDA/cuDNN and a download of libtensorflow)',
  tensorflow: 'npm install @tensorflow/tfjs-node (downloads libtensorflow)',
  webgpu:
    "npm install webgpu @tensorflow/tfjs-backend-webgpu (optional dependencies of @classfit/core), plus the Vulkan loader (libvulkan1) and a Vulkan driver: the GPU vendor's, or Mesa ≥ 25 lavapipe (software, for testing)",
  wasm: 'npm install @tensorflow/tfjs-backend-wasm',
  cpu: 'npm install @tensorflow/tfjs-backend-cpu',
};

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

/**
 * Chooses and initialises the TensorFlow.js backend once per process.
 * `auto` tries tensorflow-gpu, tensorflow, webgpu (only on a hardware adapter:
 * a software one such as lavapipe is slower than wasm), wasm, cpu in that order; an explicit
 * name that cannot be loaded throws `InvalidArgumentError('backend', …)` naming
 * the package to install. Calling again with a different preference switches.
 * @param preference default: the one {@link setBackendPreference} set (`auto` until then)
 */
export function initBackend(preference: string = defaultPreference): Promise<BackendInfo> {
  if (preference !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(preference)) {
    throw new InvalidArgumentError('backend', `must be auto | ${BACKEND_NAMES.join(' | ')}, got '${preference}'`);
  }
  const requested = preference as BackendPreference;
  if (current?.requested === requested && tf.getBackend() === tfName(current.name)) return Promise.resolve(current);
  if (pending) return pending.then(() => initBackend(requested));
  pending = choose(requested).finally(() => {
    pending = null;
  });
  return pending;
}

let defaultPreference: string = 'auto';

/**
 * The backend `initBackend()` and `ensureBackend()` use when no name is passed. Core reads no
 * environment: the application passes its configured choice (the CLI and server: `CLASSFIT_BACKEND`).
 * @throws InvalidArgumentError naming the choices
 */
export function setBackendPreference(preference: string): void {
  if (preference !== 'auto' && !(BACKEND_NAMES as readonly string[]).includes(preference)) {
    throw new InvalidArgumentError('backend', `must be auto | ${BACKEND_NAMES.join(' | ')}, got '${preference}'`);
  }
  defaultPreference = preference;
}

/** The backend preference in force for calls that name none. */
export function backendPreference(): string {
  return defaultPreference;
}

/** The backend chosen by the last `initBackend`, or null before the first call. */
export function getBackendInfo(): BackendInfo | null {
  return current;
}

/** Initialises the default backend unless one is already chosen; what the scoring kernels call. */
export async function ensureBackend(): Promise<BackendInfo> {
  return current ?? initBackend();
}

async function choose(requested: BackendPreference): Promise<BackendInfo> {
  const candidates: readonly BackendName[] = requested === 'auto' ? BACKEND_NAMES : [requested];
  const fellBackFrom: string[] = [];
  for (const name of candidates) {
    const outcome = await activate(name, requested === 'auto');
    if (typeof outcome !== 'string') {
      current = Object.freeze({ name, requested, fellBackFrom: Object.freeze(fellBackFrom), adapter: outcome.adapter });
      return current;
    }
    const failure = outcome;
    if (requested !== 'auto') {
      throw new InvalidArgumentError('backend', `'${name}' is unavailable (${failure}); install it with: ${INSTALL_HINT[name]}`);
    }
    fellBackFrom.push(`${name}: ${failure}`);
  }
  throw new InvalidArgumentError('backend', `no TensorFlow.js backend could be initialised: ${fellBackFrom.join('; ')}`);
}

/**
 * Loads and selects one backend; returns the adapter on success or the reason it failed.
 * @param hardwareOnly refuse a software WebGPU adapter (what `auto` wants)
 */
async function activate(name: BackendName, hardwareOnly: boolean): Promise<{ adapter: GpuAdapter | null } | string> {
  try {
    let adapter: GpuAdapter | null = null;
    if (name === 'tensorflow-gpu') await tryNativeBinding('@tensorflow/tfjs-node-gpu');
    else if (name === 'tensorflow') await tryNativeBinding('@tensorflow/tfjs-node');
    else if (name === 'webgpu') {
      const noDevice = hardwareOnly ? noGpuDevice() : null;
      if (noDevice !== null) return noDevice;
      adapter = await probeAdapter();
      const refusal = hardwareOnly ? refusedByAuto(adapter) : null;
      if (refusal !== null) return refusal;
      await registerWebGpu();
    } else if (name === 'wasm') await registerWasm();
    else await registerCpu();
    const ok = await tf.setBackend(tfName(name));
    if (!ok) return `tf.setBackend('${tfName(name)}') returned false`;
    await tf.ready();
    if (name === 'cpu') silenceCpuBanner();
    return { adapter };
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

/** Both native packages register themselves under tfjs's name 'tensorflow'. */
function tfName(name: BackendName): string {
  return name === 'tensorflow-gpu' ? 'tensorflow' : name;
}
