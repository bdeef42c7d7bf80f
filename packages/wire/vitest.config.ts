import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '@classfit/config/vitest';

export default defineConfig({ test: { ...sharedTestConfig, include: ['src/**/*.test.ts'] } });
