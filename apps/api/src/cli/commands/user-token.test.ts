import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExpiry } from './token.ts';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');

describe('classfit user / token (embedded PGlite in a fresh CLASSFIT_HOME)', () => {
  let home: string;
  const run = async (...args: string[]) => {
    const env = { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '' };
    return promisify(execFile)(process.execPath, [bin, ...args], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-cli-auth-'));
  });
  afterAll(async () => rm(home, { recursive: true, force: true }));

  it('parses expiries', () => {
    expect(parseExpiry('never')).toBeNull();
    expect(parseExpiry('2d', 0)?.getTime()).toBe(2 * 86_400_000);
    expect(parseExpiry('12h', 0)?.getTime()).toBe(12 * 3_600_000);
    for (const bad of ['0d', '1w', '-1d', '']) expect(() => parseExpiry(bad), bad).toThrow(/--expires/);
  });

  it('adds a user, prints a token once, lists it without the secret, revokes it', async () => {
    const added = await run('user', 'add', 'alice', '--role', 'admin');
    expect(added).toMatchObject({ code: 0, stdout: 'added user alice (id 1): admin in every project\n' });
    expect((await run('user', 'add', 'bob', '--role', 'viewer', '--project', 'nope')).stderr).toMatch(/classfit: --project: no project "nope"/);
    expect((await run('user', 'add', 'bob')).stderr).toMatch(/--role is required/);

    const created = await run('token', 'create', '--user', 'alice', '--name', 'laptop', '--expires', '30d');
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^cft_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown once/);

    const listed = await run('token', 'list');
    expect(listed.stdout).toMatch(/^id\s+user\s+name\s+prefix\s+state/);
    expect(listed.stdout).toMatch(new RegExp(`1\\s+alice\\s+laptop\\s+${secret.slice(0, 10)}…\\s+active`));
    expect(listed.stdout).not.toContain(secret);

    // The secret is nowhere on disk: not in the database files, not in the artifacts.
    const files = await readdir(home, { recursive: true, withFileTypes: true });
    for (const f of files.filter((e) => e.isFile())) {
      expect((await readFile(join(f.parentPath, f.name))).includes(Buffer.from(secret)), f.name).toBe(false);
    }

    // The prefix is base64url, so it may hold '-' and '_' (a \w+ pattern failed on "cft_VZH-Lx…" in CI).
    const revoked = /^revoked token 1 \((cft_[A-Za-z0-9_-]+)… "laptop" of alice\)/.exec((await run('token', 'revoke', '1')).stdout);
    expect(revoked).not.toBeNull();
    expect(secret.startsWith(revoked![1])).toBe(true);
    const json = JSON.parse((await run('token', 'list', '--user', 'alice', '--json')).stdout) as Record<string, unknown>[];
    expect(json).toHaveLength(1);
    expect(json[0].revokedAt).toEqual(expect.any(String));
    expect(Object.keys(json[0])).not.toContain('tokenHash');
  }, 400_000);
});
