/**
 * On the embedded store, a run whose worker died together with the process that held the store (here: an analyze
 * SIGKILLed mid-fit) is left `running`. The next `classfit analyze` holds the store itself, so nobody else can
 * finish that run: it re-queues it, says so, and finishes it here from the checkpoint instead of following the
 * dead worker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAll, spawnChild, type TestChild } from '@classfit/db/testing/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticFiles } from '../../testing/synthetic-model.ts';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');
const OPTIONS = ['--model', 'tiny', '--iterations', '400', '--reduce', '2', '--entropy-samples', '50', '--kl-samples', '20', '--workers', '1'];

describe('classfit analyze after its worker died with the previous holder of the embedded store', () => {
  let home: string;
  let folder: string;
  const cli = (...args: string[]): TestChild =>
    spawnChild(process.execPath, [bin, ...args], { env: { ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu' } });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-orphaned-'));
    folder = await writeSyntheticFiles();
  });
  afterAll(async () => {
    await killAll();
    await Promise.all([home, folder].map((f) => rm(f, { recursive: true, force: true })));
  });

  it('re-queues the orphaned run, says so, and finishes it', async () => {
    const imported = cli('import', '--layer', `early=${join(folder, 'layer0.npy')}`, '--layer', `late=${join(folder, 'layer1.npy')}`, '--labels', join(folder, 'labels.npy'), '--name', 'tiny');
    expect(await imported.exited(), imported.output()).toBe(0);
    const first = cli('analyze', ...OPTIONS);
    await first.waitFor(/^fit early\/main /, 120_000); // the run is claimed and fitting
    first.signal('SIGKILL');
    await first.exited();

    const second = cli('analyze', ...OPTIONS);
    expect(await second.exited(), second.output()).toBe(0);
    expect(second.output()).toMatch(new RegExp(`run 1 was held by worker \\S+:${first.pid}:\\S+, whose process is gone \\(it ended with the previous holder of the store\\); re-queued it to run here`));
    expect(second.output()).not.toMatch(/following it|Failed query/);
    expect(second.output()).toMatch(/^run 1 \(backend cpu\)\n {2}early: k=2 .*3 classes/m);
  }, 300_000);
});
