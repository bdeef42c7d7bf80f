import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '@classfit/config/vitest';

/**
 * The webgpu project: every kernel routed through TensorFlow.js, run on the
 * `webgpu` backend (Dawn; lavapipe in CI) against the exact Float64 kernels.
 * One file at a time: each test process opens its own Dawn device, and a
 * software adapter already uses every core.
 * Without an adapter the files skip, with one line from the global setup;
 * CLASSFIT_REQUIRE_WEBGPU=1 (set by .ci/run) makes a missing adapter fail instead.
 */
export default defineConfig({
  test: {
    ...sharedTestConfig,
    name: 'webgpu',
    include: ['src/**/*.webgpu.test.ts'],
    globalSetup: ['src/testing/webgpu-global-setup.ts'],
    fileParallelism: false,
  },
});
