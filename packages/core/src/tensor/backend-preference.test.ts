import { afterAll, describe, expect, it } from 'vitest';
import { backendPreference, initBackend, setBackendPreference } from './index.ts';

describe('backend preference (core reads no environment)', () => {
  afterAll(() => setBackendPreference('auto'));

  it('is auto until the application sets one, then initBackend() uses it', async () => {
    expect(backendPreference()).toBe('auto');
    setBackendPreference('cpu');
    expect(backendPreference()).toBe('cpu');
    expect((await initBackend()).name).toBe('cpu');
  });

  it('rejects an unknown name, naming the choices', () => {
    expect(() => setBackendPreference('gpu')).toThrow(/backend: must be auto \| tensorflow-gpu \| tensorflow \| webgpu \| wasm \| cpu, got 'gpu'/);
    expect(backendPreference()).toBe('cpu');
  });
});
