export { BACKEND_NAMES, ensureBackend, getBackendInfo, initBackend } from './backend.ts';
export type { BackendInfo, BackendName, BackendPreference } from './backend.ts';
