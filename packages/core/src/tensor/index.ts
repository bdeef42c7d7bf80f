export { BACKEND_NAMES, backendPreference, ensureBackend, getBackendInfo, initBackend, setBackendPreference } from './backend.ts';
export type { BackendInfo, BackendName, BackendPreference } from './backend.ts';
export { describeAdapter, formatAdapter } from './webgpu-adapter.ts';
export type { GpuAdapter } from './webgpu-adapter.ts';
