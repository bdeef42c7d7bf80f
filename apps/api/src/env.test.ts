import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, describeDatabase, loadEnv } from './env.ts';

describe('env', () => {
  it('defaults CLASSFIT_HOME to .classfit in the workspace root and names the embedded database', async () => {
    const root = await mkdtemp(join(tmpdir(), 'classfit-ws-'));
    await writeFile(join(root, 'package.json'), JSON.stringify({ workspaces: ['apps/*'] }));
    await mkdir(join(root, 'apps', 'api'), { recursive: true });
    const env = loadEnv({}, join(root, 'apps', 'api'));
    expect(env).toMatchObject({ CLASSFIT_HOME: join(root, '.classfit'), CLASSFIT_BACKEND: 'auto', PORT: 4000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(describeDatabase(env)).toBe(`database: embedded PGlite in ${join(root, '.classfit', 'db')} (DATABASE_URL not set)`);
    expect(describeDatabase({ ...env, DATABASE_URL: 'postgres://u@db.example:5432/classfit' })).toBe('database: PostgreSQL at db.example:5432/classfit (DATABASE_URL)');
    await rm(root, { recursive: true, force: true });
  });

  it('treats an empty DATABASE_URL as unset and reports every bad variable at once', () => {
    expect(loadEnv({ DATABASE_URL: '', CLASSFIT_HOME: '/x' }).DATABASE_URL).toBeUndefined();
    const error = (() => {
      try {
        loadEnv({ DATABASE_URL: 'mysql://x', CLASSFIT_BACKEND: 'gpu', PORT: 'eighty' });
      } catch (e) {
        return e as EnvError;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error?.message).toMatch(/DATABASE_URL.*CLASSFIT_BACKEND.*PORT/);
  });
});
