import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticFiles } from '../../testing/synthetic-model.ts';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');

describe('classfit import / analyze / worker (embedded PGlite in a fresh CLASSFIT_HOME)', () => {
  let home: string;
  let folder: string;
  const run = async (...args: string[]) => {
    const env = { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu' };
    return promisify(execFile)(process.execPath, [bin, ...args], { env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-cli-'));
    folder = await writeSyntheticFiles();
  });
  afterAll(async () => Promise.all([home, folder].map((f) => rm(f, { recursive: true, force: true }))));

  it('rejects bad input with a one-line reason and a non-zero exit', async () => {
    await writeFile(join(folder, 'broken.npy'), 'not numpy');
    const bad = await run('import', '--layer', `early=${join(folder, 'broken.npy')}`, '--labels', join(folder, 'labels.npy'), '--name', 'm');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/database: embedded PGlite in .*db \(DATABASE_URL not set\)/);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/^classfit: cannot import: 1 problem .*nothing was stored$/);
    const unknown = await run('analyze', '--model', 'm');
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/classfit: model "m" not found\n$/) });
    expect((await run('analyze')).stderr).toMatch(/--model is required/);
  });

  it('imports, queues, and a worker runs the job; analyze then reports it done', async () => {
    const imported = await run('import', '--layer', `early=${join(folder, 'layer0.npy')}`, '--layer', `late=${join(folder, 'layer1.npy')}`,
      '--labels', join(folder, 'labels.npy'), '--name', 'tiny', '--dataset', 'synthetic', '--tags', 'a,b');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported model "tiny" \(id 1\): 72 examples, 3 classes, layers early \(4-d\), late \(6-d\)/);
    const options = ['--model', 'tiny', '--iterations', '10', '--reduce', '2', '--entropy-samples', '50', '--kl-samples', '20', '--workers', '1'];
    expect((await run('analyze', ...options, '--queue')).stdout).toBe('run 1 queued\n');
    const worker = await run('worker', '--once', '--workers', '1');
    expect(worker.stderr).toMatch(/run 1 \(analyze-model, model 1\): succeeded/);
    expect((await run('analyze', ...options)).stdout).toMatch(/run 1 already succeeded/);
    const rerun = await run('analyze', ...options, '--rerun');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/^run 1 \(backend cpu\)\n {2}early: k=2 .*3 classes, groups/);
  });
});
