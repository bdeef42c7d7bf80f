/**
 * `classfit serve` as a user runs it (embedded PGlite, a fresh CLASSFIT_HOME, no users): open on loopback with
 * one line saying so; bound to 0.0.0.0 it refuses (exit 2, naming the way out) unless --insecure-open; once a
 * user exists, tokens are required.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');

describe('classfit serve: access modes', () => {
  let home: string;
  const env = () => ({ ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu' as const });

  /** Starts serve, waits for its URL, returns what it printed to stderr by then and the URL; then stops it. */
  const serveUntilListening = (...args: string[]) =>
    new Promise<{ stderr: string; url: string }>((done, fail) => {
      const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-worker', ...args], { env: env() });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.stdout.on('data', (d: Buffer) => {
        stdout += d;
        const url = /listening on (\S+)/.exec(stdout)?.[1];
        if (url) {
          child.once('exit', () => done({ stderr, url }));
          child.kill('SIGTERM');
        }
      });
      child.once('exit', (code) => !/listening on/.test(stdout) && fail(new Error(`serve exited ${code}: ${stderr}`)));
    });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-serve-access-'));
  });
  afterAll(async () => rm(home, { recursive: true, force: true }));

  it('runs open on loopback with no users, saying so in one line', async () => {
    const { stderr, url } = await serveUntilListening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(stderr.split('\n').filter((line) => line.startsWith('access:'))).toEqual([
      'access: open — no users configured, so every caller on this machine (127.0.0.1) is the local owner; `classfit user add` turns tokens on',
    ]);
  }, 60_000);

  it('refuses 0.0.0.0 with no users (exit 2, the way out named), and serves it only with --insecure-open', async () => {
    const refused = await promisify(execFile)(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0'], { env: env() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/classfit: refusing to start open: no users are configured and it listens on 0\.0\.0\.0, reachable from other machines\. Add an admin first.*--insecure-open/);
    const { stderr } = await serveUntilListening('--host', '0.0.0.0', '--insecure-open');
    expect(stderr).toMatch(/^access: OPEN TO EVERYONE \(--insecure-open\)/m);
  }, 60_000);

  it('requires tokens once a user exists', async () => {
    await promisify(execFile)(process.execPath, [bin, 'user', 'add', 'alice', '--role', 'admin'], { env: env() });
    const { stderr } = await serveUntilListening('--host', '0.0.0.0');
    expect(stderr).toMatch(/^access: API tokens required \(1 user; `classfit token create` makes one\)$/m);
  }, 60_000);
});
