// Shared vitest defaults (plain JS so vitest's config loader can import it without a TS loader):
// numerical tests are slow on 2 cores, so time-outs are generous.
export const sharedTestConfig = {
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
};
