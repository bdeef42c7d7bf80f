import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/index.ts';
import { registerCpu, registerWasm, silenceCpuBanner, tryNativeBinding } from './backend-loaders.ts';

/** Backends classfit can run TensorFlow.js kernels on, fastest first. */
export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
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
}

/** How to get each backend when it is missing. */
const INSTALL_HINT: Record<BackendName, string> = {
  'tensorflow-gpu': 'npm install @tensorflow/tfjs-node-gpu (needs CUDA/cuDNN and a download of libtensorflow)',
  tensorflow: 'npm install @tensorflow/tfjs-node (downloads libtensorflow)',
  wasm: 'npm install @tensorflow/tfjs-backend-wasm',
  cpu: 'npm install @tensorflow/tfjs-backend-cpu',
};

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;

/**
 * Chooses and initialises the TensorFlow.js backend once per process.
 * `auto` tries tensorflow-gpu, tensorflow, wasm, cpu in that order; an explicit
 * name that cannot be loaded throws `InvalidArgumentError('backend', …)` naming
 * the package to install. Calling again with a different preference switches.
 * @param preference default `process.env.CLASSFIT_BACKEND ?? 'auto'`
 */
export function initBackend(preference: string = process.env.CLASSFIT_BACKEND ?? 'auto'): Promise<BackendInfo> {
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
    const failure = await activate(name);
    if (failure === null) {
      current = Object.freeze({ name, requested, fellBackFrom: Object.freeze(fellBackFrom) });
      return current;
    }
    if (requested !== 'auto') {
      throw new InvalidArgumentError('backend', `'${name}' is unavailable (${failure}); install it with: ${INSTALL_HINT[name]}`);
    }
    fellBackFrom.push(`${name}: ${failure}`);
  }
  throw new InvalidArgumentError('backend', `no TensorFlow.js backend could be initialised: ${fellBackFrom.join('; ')}`);
}

/** Loads and selects one backend; returns null on success or the reason it failed. */
async function activate(name: BackendName): Promise<string | null> {
  try {
    if (name === 'tensorflow-gpu') await tryNativeBinding('@tensorflow/tfjs-node-gpu');
    else if (name === 'tensorflow') await tryNativeBinding('@tensorflow/tfjs-node');
    else if (name === 'wasm') await registerWasm();
    else await registerCpu();
    const ok = await tf.setBackend(tfName(name));
    if (!ok) return `tf.setBackend('${tfName(name)}') returned false`;
    await tf.ready();
    if (name === 'cpu') silenceCpuBanner();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

/** Both native packages register themselves under tfjs's name 'tensorflow'. */
function tfName(name: BackendName): string {
  return name === 'tensorflow-gpu' ? 'tensorflow' : name;
}
