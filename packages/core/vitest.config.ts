import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '@classfit/config/vitest';

// *.webgpu.test.ts belong to the webgpu project (vitest.webgpu.config.ts), which needs a WebGPU adapter.
export default defineConfig({ test: { ...sharedTestConfig, include: ['src/**/*.test.ts'], exclude: ['src/**/*.webgpu.test.ts'] } });
