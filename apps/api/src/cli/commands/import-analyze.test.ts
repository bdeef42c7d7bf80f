import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    // --rerun recomputes as a new run from scratch (it fits; nothing is resumed); run 1 keeps its results.
    expect(rerun.stdout).toMatch(/^run (?!1 )\d+ \(backend cpu\)\n {2}early: k=2 .*3 classes, groups/);
    expect(rerun.stderr).toMatch(/^fit early\/main done in /m);
    expect(rerun.stderr).not.toMatch(/resuming/);
    // Two chains by default: the split's evidence and the chains' agreement are part of the summary.
    expect(rerun.stdout).toMatch(/early: .*\(gap [\d.]+, modes p [\d.]+: (two modes|not shown to be two modes), [0-2]\/2 chains agree\)/);
  });

  it('report prints whether each split is real and how far the chains agree, per layer and (--per-class) per class', async () => {
    const report = await run('report', '--model', 'tiny', '--per-class');
    expect(report.code, report.stderr).toBe(0);
    const lines = report.stdout.split('\n');
    const trustHeader = lines.findIndex((l) => l.startsWith('| layer | chains | modes p |'));
    expect(trustHeader).toBeGreaterThan(0);
    for (const [i, layer] of ['early', 'late'].entries()) {
      const cells = lines[trustHeader + 2 + i].split('|').map((c) => c.trim());
      expect(cells[1]).toBe(layer);
      expect(cells[2]).toBe('2');
      expect(Number(cells[3])).toBeGreaterThan(0);
      expect(cells[4]).toMatch(/^(yes|no)$/);
      expect(cells[5]).toMatch(/^[\d.]+ \[[\d.]+, [\d.]+\]$/);
      expect(cells[8]).toMatch(/^[0-2]\/2$/);
      expect(cells[9].split(' / ')).toHaveLength(2);
    }
    // Per class: 2 layers × 3 classes, each with both chains' mean log-densities and in how many it keeps its group.
    const perClass = lines.filter((l) => /^\| \d \| class_\d \|/.test(l));
    expect(perClass).toHaveLength(6);
    for (const line of perClass) {
      const cells = line.split('|').map((c) => c.trim());
      expect(cells[10].split(' / ')).toHaveLength(2);
      expect(cells[14]).toMatch(/^[0-2]\/2$/);
    }
    const json = JSON.parse((await run('report', '--model', 'tiny', '--format', 'json')).stdout);
    expect(json[0].layers[1].chains).toMatchObject({ chains: 2, chainGaps: [expect.any(Number), expect.any(Number)] });
    expect(json[0].layers[1].significance).toMatchObject({ level: 0.05, passes: expect.any(Boolean), intervalLevel: 0.95 });
  });
  it('says when the folder does not exist, and an import names its layers, labels, meta.json and unread files', async () => {
    const missing = join(folder, 'no-such-folder');
    const absent = await run('import', missing, '--name', 'absent');
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain(`  - ${missing}: no such folder\n`);
    expect(absent.stderr).not.toMatch(/no activation files/);

    const authors = join(folder, 'authors');
    await mkdir(authors);
    await copyFile(join(folder, 'layer0.npy'), join(authors, 'avg_pooling_0_acts.npy'));
    await copyFile(join(folder, 'labels.npy'), join(authors, 'labels.npy'));
    await writeFile(join(authors, 'meta.json'), JSON.stringify({ architecture: 'resnet50', seed: 7, accuracy: 0.5, examples: 72 }));
    await writeFile(join(authors, 'notes.txt'), 'hello');
    const imported = await run('import', authors, '--name', 'authors-cli', '--dataset', 'synthetic');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.split('\n').slice(1)).toEqual([
      '  layer names (display ← source): stage1 ← avg_pooling_0',
      `  labels from ${join(authors, 'labels.npy')}`,
      '  from meta.json: architecture resnet50, seed 7, accuracy 0.5',
      '  kl subset random: 0 examples in 0 classes (computed)',
      '  genclass subset random: 7 examples (computed)',
      '  not used: notes.txt',
      '',
    ]);
    const json = await run('import', authors, '--name', 'authors-cli-json', '--dataset', 'synthetic', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      model: { name: 'authors-cli-json', architecture: 'resnet50', dataset: 'synthetic', seed: 7, accuracy: 0.5 },
      exampleCount: 72,
      layers: [{ name: 'stage1', sourceName: 'avg_pooling_0', dim: 4 }],
      fromMeta: ['architecture', 'seed', 'accuracy'],
      unusedFiles: ['notes.txt'],
    });
  });
});
