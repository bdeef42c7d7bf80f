import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '@classfit/config/vitest';

export default defineConfig({
  // One `graphql` module for everyone: vite would pick graphql's ESM build while Apollo and graphql-tools
  // (loaded by Node) get the CommonJS one, and graphql refuses schema objects from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: { ...sharedTestConfig, include: ['src/**/*.test.ts'] },
});
