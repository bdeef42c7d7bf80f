import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '@classfit/config/vitest';

export default defineConfig({
  // One `graphql` module for everyone (as in apps/api/vitest.config.ts): vite would pick graphql's ESM build for
  // the API sources the e2e tests start in-process while Apollo and graphql-tools get the CommonJS one.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: { ...sharedTestConfig, include: ['e2e/**/*.test.ts'], passWithNoTests: false },
});
