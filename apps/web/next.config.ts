import type { NextConfig } from 'next';
import { fileURLToPath } from 'node:url';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript source.
  transpilePackages: ['@classfit/wire'],
  // The monorepo root holds the lockfile; say so rather than let Next guess.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
};

export default config;
