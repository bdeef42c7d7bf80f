import { readdirSync } from 'node:fs';

/** The WebGPU adapter a `webgpu` backend runs on, as Dawn describes it (GPUAdapterInfo). */
export interface GpuAdapter {
  /** e.g. 'nvidia', 'mesa'. */
  readonly vendor: string;
  /** e.g. 'hopper', 'software'. */
  readonly architecture: string;
  /** e.g. 'NVIDIA H200', 'llvmpipe-llvm-15-0-6-256-bits-'. */
  readonly device: string;
  /** Driver description, e.g. 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)'. */
  readonly description: string;
  /** A CPU implementation of Vulkan/WebGPU (Mesa lavapipe/llvmpipe, SwiftShader): correct but slower than wasm. */
  readonly software: boolean;
}

/** The request the tfjs webgpu backend makes (it asks for the high-performance adapter unless told otherwise). */
const ADAPTER_REQUEST = { powerPreference: 'high-performance' } as const;

interface DawnGpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<DawnAdapter | null>;
}

interface DawnAdapter {
  readonly info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>> & { isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}

let installed: Promise<DawnGpu> | null = null;
let probed: Promise<GpuAdapter> | null = null;

/**
 * Gives Node a `navigator.gpu` backed by Dawn (the optional `webgpu` package,
 * prebuilt dawn.node) once per process; must run before
 * `@tensorflow/tfjs-backend-webgpu` is imported, which registers itself only
 * when `navigator.gpu` exists. Dawn's WebGPU globals (GPUBufferUsage, …) are
 * copied onto globalThis as that backend expects.
 */
export function installNavigatorGpu(): Promise<DawnGpu> {
  installed ??= load().catch((error: unknown) => {
    installed = null;
    throw error;
  });
  return installed;
}

async function load(): Promise<DawnGpu> {
  const dawn = await import('webgpu').catch((error: unknown) => {
    throw notInstalled(error, 'the webgpu package');
  });
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]) as unknown as DawnGpu;
  const host = globalThis as { navigator?: object };
  if (host.navigator === undefined) host.navigator = { gpu };
  else Object.defineProperty(host.navigator, 'gpu', { value: gpu, configurable: true });
  return gpu;
}

/**
 * The adapter Dawn offers for a high-performance request, described; cached.
 * Throws when Dawn finds none (no Vulkan loader, or no Vulkan driver).
 */
export function probeAdapter(): Promise<GpuAdapter> {
  probed ??= (async () => {
    const gpu = await installNavigatorGpu();
    const adapter = await gpu.requestAdapter(ADAPTER_REQUEST);
    if (!adapter) {
      throw new Error(
        'Dawn found no WebGPU adapter (needs the Vulkan loader libvulkan1 and a Vulkan driver: the GPU vendor\'s, or Mesa ≥ 25 lavapipe for software)',
      );
    }
    return describeAdapter(adapter);
  })().catch((error: unknown) => {
    probed = null;
    throw error;
  });
  return probed;
}

/** GPUAdapterInfo → GpuAdapter, deciding whether it is a software implementation. */
export function describeAdapter(adapter: DawnAdapter): GpuAdapter {
  const info = adapter.info ?? {};
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    architecture === 'software' ||
    /llvmpipe|lavapipe|swiftshader/i.test(`${device} ${description}`);
  return Object.freeze({ vendor, architecture, device, description, software });
}

/** Why `auto` must not use this adapter (a software one is slower than wasm), or null when it may. */
export function refusedByAuto(adapter: GpuAdapter): string | null {
  return adapter.software ? `only a software adapter (${formatAdapter(adapter)}), slower than wasm` : null;
}

/** One line for logs: 'nvidia hopper · NVIDIA H200' or 'mesa software · llvmpipe… (software)'. */
export function formatAdapter(adapter: GpuAdapter): string {
  const name = [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  return `${name}${adapter.device ? ` · ${adapter.device}` : ''}${adapter.software ? ' (software)' : ''}`;
}

/**
 * Why no hardware adapter can exist on this machine, or null when one may.
 * On Linux a GPU that Vulkan can drive shows up as /dev/nvidia<N> (NVIDIA's
 * driver) or /dev/dri/renderD<N> (Mesa's): without either only a software
 * adapter is possible, so `auto` need not load Dawn (which costs ~0.5 s and
 * prints the Vulkan loader's warnings on stderr). Elsewhere: null (ask Dawn).
 */
export function noGpuDevice(platform: string = process.platform, list: (dir: string) => string[] = listDir): string | null {
  if (platform !== 'linux') return null;
  if (list('/dev').some((name) => /^nvidia\d+$/.test(name))) return null;
  if (list('/dev/dri').some((name) => /^renderD\d+$/.test(name))) return null;
  return 'no GPU device (neither /dev/nvidia* nor /dev/dri/renderD*)';
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A missing optional package as a one-line reason; any other failure (e.g. dawn.node failing to load) as it is. */
export function notInstalled(error: unknown, what: string): Error {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return new Error(`${what} is not installed`);
  return error instanceof Error ? error : new Error(String(error));
}
