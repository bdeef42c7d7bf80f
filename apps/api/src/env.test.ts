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

  it('puts artifacts under CLASSFIT_HOME unless CLASSFIT_ARTIFACTS names a (shared) folder, resolved against the working directory', () => {
    expect(loadEnv({ CLASSFIT_HOME: '/x' }).CLASSFIT_ARTIFACTS).toBe(join('/x', 'artifacts'));
    expect(loadEnv({ CLASSFIT_HOME: '/x', CLASSFIT_ARTIFACTS: '' }).CLASSFIT_ARTIFACTS).toBe(join('/x', 'artifacts'));
    expect(loadEnv({ CLASSFIT_HOME: '/x', CLASSFIT_ARTIFACTS: '/mnt/shared/artifacts' }).CLASSFIT_ARTIFACTS).toBe('/mnt/shared/artifacts');
    expect(loadEnv({ CLASSFIT_HOME: '/x', CLASSFIT_ARTIFACTS: 'shared' }, '/work').CLASSFIT_ARTIFACTS).toBe(join('/work', 'shared'));
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

  it('reads import roots as a path list (absolute only) and upload limits as byte counts', () => {
    const env = loadEnv({ CLASSFIT_HOME: '/x', CLASSFIT_IMPORT_ROOTS: '/data/a: /data/b:', CLASSFIT_UPLOAD_MAX_FILE_BYTES: '1024' });
    expect(env.CLASSFIT_IMPORT_ROOTS).toEqual(['/data/a', '/data/b']);
    expect(env.CLASSFIT_UPLOAD_MAX_FILE_BYTES).toBe(1024);
    expect(env.CLASSFIT_UPLOAD_MAX_BYTES).toBe(16 * 2 ** 30);
    expect(loadEnv({ CLASSFIT_HOME: '/x' }).CLASSFIT_IMPORT_ROOTS).toEqual([]);
    expect(() => loadEnv({ CLASSFIT_IMPORT_ROOTS: 'relative/dir' })).toThrow(/CLASSFIT_IMPORT_ROOTS: every import root must be an absolute path/);
  });
});
