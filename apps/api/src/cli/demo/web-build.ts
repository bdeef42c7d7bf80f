/**
 * The dashboard's production build (`next build` in apps/web), cached: the build is keyed by a hash of what it
 * is made from — every source file of apps/web (not its tests), the lockfile (the exact versions of Next, React
 * and the rest), the Node.js version, and the environment variables Next inlines at build time (`NEXT_PUBLIC_*`;
 * the build always runs with NODE_ENV=production). Generated and test-only files (next-env.d.ts, *.test.ts, vitest.config.ts, READMEs) are not inputs. The key is stored beside the build (`.next/classfit-build.json`); a build whose key matches is
 * reused, anything else is rebuilt. The demo and the browser tests share it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (apps/api/src/cli/demo → five levels up). */
export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
export const webDir = join(repoRoot, 'apps', 'web');
export const nextBin = join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Where the key of the build in `.next` is recorded. */
const KEY_FILE = 'classfit-build.json';

/** Folders and files of apps/web that are not inputs of the build. */
function isBuildInput(relativePath: string): boolean {
  const parts = relativePath.split(sep);
  if (parts.some((p) => p === 'node_modules' || p === '.next' || p === '.turbo' || p === 'test-results' || p === 'tests')) return false;
  const name = parts.at(-1)!;
  return !/\.test\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.tsbuildinfo') && name !== 'README.md' && name !== 'API_REQUESTS.md' && name !== 'vitest.config.ts' && name !== 'next-env.d.ts';
}

function listFiles(dir: string, root = dir): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path);
    if (!isBuildInput(rel)) continue;
    if (entry.isDirectory()) files.push(...listFiles(path, root));
    else if (entry.isFile()) files.push(rel);
  }
  return files;
}

/** What the key is computed from (exposed for tests). */
export interface BuildKeyInputs {
  readonly webDir: string;
  readonly lockfile: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly nodeVersion: string;
}

/** The build key: sha256 over the sorted source files (path and bytes), the lockfile, the Node.js version and the build-time environment. */
export function dashboardBuildKey(inputs: BuildKeyInputs): string {
  const hash = createHash('sha256');
  for (const rel of listFiles(inputs.webDir).sort()) {
    hash.update(`file ${rel.split(sep).join('/')}\0`);
    hash.update(readFileSync(join(inputs.webDir, rel)));
    hash.update('\0');
  }
  hash.update(`lockfile\0`).update(existsSync(inputs.lockfile) ? readFileSync(inputs.lockfile) : Buffer.alloc(0));
  hash.update(`\0node ${inputs.nodeVersion}\0`);
  const buildEnv = Object.keys(inputs.env)
    .filter((name) => name.startsWith('NEXT_PUBLIC_'))
    .sort()
    .map((name) => `${name}=${inputs.env[name] ?? ''}`);
  hash.update(`env ${buildEnv.join('\n')}`);
  return hash.digest('hex');
}

/** The key of the build in `<webDir>/.next`, if there is a complete one. */
export function storedBuildKey(dir = webDir): { key: string; builtAt: string } | undefined {
  if (!existsSync(join(dir, '.next', 'BUILD_ID'))) return undefined;
  try {
    const stored = JSON.parse(readFileSync(join(dir, '.next', KEY_FILE), 'utf8')) as { key?: unknown; builtAt?: unknown };
    return typeof stored.key === 'string' && typeof stored.builtAt === 'string' ? { key: stored.key, builtAt: stored.builtAt } : undefined;
  } catch {
    return undefined;
  }
}

/** What {@link ensureDashboardBuild} did. */
export type DashboardBuild = { readonly reused: true; readonly builtAt: string; readonly key: string } | { readonly reused: false; readonly reason: string; readonly ms: number; readonly key: string };

/** Options of {@link ensureDashboardBuild}. */
export interface EnsureBuildOptions {
  readonly webDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Told before a build starts, with the reason. */
  readonly onBuild?: (reason: string) => void;
  /** Where `next build` writes: inherit (the demo's terminal) or pipe (collected into the error on failure). */
  readonly stdio?: 'inherit' | 'pipe';
  readonly signal?: AbortSignal;
}

/** Reuses the dashboard build when its key matches, else runs `next build` and records the key. */
export async function ensureDashboardBuild(options: EnsureBuildOptions = {}): Promise<DashboardBuild> {
  const dir = options.webDir ?? webDir;
  const env = options.env ?? process.env;
  const key = dashboardBuildKey({ webDir: dir, lockfile: join(repoRoot, 'package-lock.json'), env, nodeVersion: process.version });
  const stored = storedBuildKey(dir);
  if (stored?.key === key) return { reused: true, builtAt: stored.builtAt, key };
  const reason = existsSync(join(dir, '.next', 'BUILD_ID'))
    ? stored
      ? `its sources changed since the build of ${stored.builtAt}`
      : 'the build in .next has no recorded key'
    : 'there is no build yet';
  options.onBuild?.(reason);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: dir,
      env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit'],
      signal: options.signal,
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`next build failed (${code ?? signal})${output ? `:\n${output.slice(-4000)}` : ' (see above)'}`))));
  });
  writeFileSync(join(dir, '.next', KEY_FILE), `${JSON.stringify({ key, builtAt: new Date().toISOString() })}\n`);
  return { reused: false, reason, ms: Date.now() - started, key };
}
