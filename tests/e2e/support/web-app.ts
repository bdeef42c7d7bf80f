/**
 * The built dashboard for browser tests: builds apps/web when its build is not of the current sources, then runs
 * `next start` on a free port against a given API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { dashboardBuildKey, ensureDashboardBuild, nextBin, repoRoot, storedBuildKey, webDir } from '../../../apps/api/src/cli/demo/web-build.ts';

export { webDir };

/**
 * Runs `next build` unless apps/web/.next holds the build of the current sources (the demo's cache key, see
 * apps/api/src/cli/demo/web-build.ts: the demo and these tests reuse each other's build). Test files run in
 * parallel, so a lock directory makes the others wait for one build instead of racing it.
 */
export async function ensureWebBuilt(): Promise<void> {
  const isFresh = () => storedBuildKey(webDir)?.key === dashboardBuildKey({ webDir, lockfile: join(repoRoot, 'package-lock.json'), env: process.env, nodeVersion: process.version });
  if (isFresh()) return;
  const lock = join(tmpdir(), 'classfit-web-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    await ensureDashboardBuild({ webDir });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface WebApp {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the server printed, for failure messages. */
  readonly output: () => string;
  close(): Promise<void>;
}

/** Starts `next start` against the API and waits until it answers. */
export async function startWebApp(api: { url: string; wsUrl: string }, options: { pollMs?: number } = {}): Promise<WebApp> {
  await ensureWebBuilt();
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: webDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', CLASSFIT_API_URL: api.url, CLASSFIT_API_WS_URL: api.wsUrl, CLASSFIT_POLL_MS: String(options.pollMs ?? 1000) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/jobs`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    process: child,
    output: () => output,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
