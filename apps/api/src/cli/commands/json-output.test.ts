/**
 * `--json` on the commands that print results (issue 12 §6): stdout is exactly one JSON document (or, for a
 * long-running server, one JSON line), with the numbers the text form prints; logs stay on stderr.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticFiles } from '../../testing/synthetic-model.ts';

const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');

describe('classfit … --json', () => {
  let home: string;
  let folder: string;
  const env = () => ({ ...process.env, CLASSFIT_HOME: home, DATABASE_URL: '', CLASSFIT_BACKEND: 'cpu' });
  const run = async (...args: string[]) =>
    promisify(execFile)(process.execPath, [bin, ...args], { env: env(), maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  /** Runs a command with --json; it must succeed and print one JSON document on stdout. */
  const json = async <T = Record<string, unknown>>(...args: string[]): Promise<T> => {
    const result = await run(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as T;
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'classfit-json-'));
    folder = await writeSyntheticFiles();
  });
  afterAll(async () => Promise.all([home, folder].map((f) => rm(f, { recursive: true, force: true }))));

  it('fit and score', async () => {
    const fitPath = join(home, 'fit.json');
    const fit = await json<{ out: string; n: number; dim: number; classes: { label: number; n: number; meanClusters: number }[] }>(
      'fit', '--activations', join(folder, 'layer0.npy'), '--labels', join(folder, 'labels.npy'), '--out', fitPath, '--iterations', '6', '--burn-in', '3', '--workers', '1',
    );
    expect(fit).toMatchObject({ out: fitPath, n: 72, dim: 4 });
    expect(fit.classes.map((c) => [c.label, c.n])).toEqual([[0, 24], [1, 24], [2, 24]]);
    for (const c of fit.classes) expect(c.meanClusters).toBeGreaterThanOrEqual(1);
    const score = await json('score', '--fit', fitPath, '--points', join(folder, 'layer0.npy'), '--out', join(home, 'logp.npy'));
    expect(score).toMatchObject({ out: join(home, 'logp.npy'), shape: [72, 3], classes: [0, 1, 2], space: 'raw', projected: false });
  });

  it('analyze (queue, already done, run), worker --once', async () => {
    const imported = await json<{ model: { id: number } }>('import', '--layer', `early=${join(folder, 'layer0.npy')}`, '--labels', join(folder, 'labels.npy'), '--name', 'tiny', '--dataset', 'synthetic');
    expect(imported.model.id).toBe(1);
    const options = ['--model', 'tiny', '--iterations', '6', '--reduce', '2', '--entropy-samples', '20', '--kl-samples', '10', '--workers', '1'];
    expect(await json('analyze', ...options, '--queue')).toEqual({ run: { id: 1, status: 'queued' }, created: true });
    expect(await json('worker', '--once', '--workers', '1')).toEqual({
      workerId: expect.any(String), runs: [{ id: 1, task: 'analyze-model', modelId: 1, outcome: 'succeeded' }],
    });
    expect(await json('analyze', ...options)).toEqual({ run: { id: 1, status: 'succeeded' }, created: false });
    const rerun = await json<{ run: { id: number; status: string }; summary: { runId: number; layers: { name: string; reducedDim: number; classes: number }[] } }>('analyze', ...options, '--rerun');
    // A rerun is a new run (from scratch); run 1 keeps its results.
    expect(rerun).toMatchObject({ run: { status: 'succeeded' }, created: true });
    expect(rerun.run.id).not.toBe(1);
    expect(rerun.summary.runId).toBe(rerun.run.id);
    expect(rerun.summary.layers.map((l) => [l.name, l.reducedDim, l.classes])).toEqual([['early', 2, 3]]);

    const reportPath = join(home, 'report.json');
    await writeFile(reportPath, JSON.stringify(await json('report', '--model', 'tiny', '--per-class')));
    const findings = await json<{ models: string[]; block: string }>('findings', '--snapshot', reportPath);
    expect(findings.models).toEqual(['tiny']);
    expect(findings.block).toMatch(/^<!-- findings:begin .*\n[^]*\| last layer \|[^]*<!-- findings:end -->$/);
  });

  it('user and token', async () => {
    const added = await json<{ login: string; roles: unknown[] }>('user', 'add', 'alice', '--role', 'viewer');
    expect(added).toMatchObject({ login: 'alice', roles: [{ projectId: null, projectName: null, role: 'viewer' }] });
    expect(await json('user', 'grant', 'alice', '--role', 'editor')).toEqual({ login: 'alice', roles: [{ projectId: null, projectName: null, role: 'editor' }] });
    expect(await json('user', 'list')).toEqual([expect.objectContaining({ login: 'alice', disabledAt: null, roles: [expect.objectContaining({ role: 'editor' })] })]);
    const token = await json<{ id: number; login: string; secret: string; prefix: string }>('token', 'create', '--user', 'alice', '--name', 'ci');
    expect(token).toMatchObject({ login: 'alice', name: 'ci', revokedAt: null });
    expect(token.secret.startsWith(token.prefix)).toBe(true);
    expect(token).not.toHaveProperty('tokenHash');
    const listed = await json<{ id: number }[]>('token', 'list');
    expect(listed.map((t) => t.id)).toEqual([token.id]);
    expect(JSON.stringify(listed)).not.toContain(token.secret);
    const revoked = await json<{ id: number; revokedAt: string | null }>('token', 'revoke', String(token.id));
    expect(revoked.id).toBe(token.id);
    expect(Date.parse(revoked.revokedAt!)).toBeGreaterThan(0);
  });

  it('train → extract → import (meta.json) → certify, memorization, certify-model', async () => {
    const net = join(home, 'net');
    const trained = await json<{ out: string; arch: string; trainExamples: number; heldOutAccuracy: number; history: unknown[] }>(
      'train', '--dataset', 'fashion-mnist', '--arch', 'plain', '--width', '2', '--epochs', '1', '--train-size', '64', '--test-size', '32', '--out', net,
    );
    expect(trained).toMatchObject({ out: net, arch: 'plain', backend: 'cpu', trainExamples: 64, history: [expect.objectContaining({ epoch: 0 })] });
    const layout = join(home, 'layout');
    const extracted = await json<{ examples: number; stages: { name: string; dim: number }[] }>('extract', '--model', net, '--out', layout);
    expect(extracted).toMatchObject({ examples: 64, stages: [{ name: 'stage1', dim: 2 }, { name: 'stage2', dim: 4 }, { name: 'stage3', dim: 8 }, { name: 'stage4', dim: 16 }] });
    // extract's meta.json supplies what the import would otherwise need flags for, and nothing is left unread.
    const imported = await json<{ model: Record<string, unknown>; fromMeta: string[]; unusedFiles: string[]; layers: { sourceName: string }[] }>('import', layout, '--name', 'net');
    expect(imported.model).toMatchObject({ architecture: 'plain', dataset: 'fashion-mnist', seed: 0, accuracy: trained.heldOutAccuracy });
    expect(imported.fromMeta).toEqual(['architecture', 'dataset', 'seed', 'accuracy']);
    expect(imported.unusedFiles).toEqual([]);
    expect(imported.layers.map((l) => l.sourceName)).toEqual(['avg_pooling_0', 'avg_pooling_1', 'avg_pooling_2', 'avg_pooling_3']);

    const certified = await json('certify', '--model', net, '--count', '2', '--n0', '5', '--n', '10', '--out', join(home, 'c.npz'));
    expect(certified).toMatchObject({ out: join(home, 'c.npz'), examples: 2, abstained: expect.any(Number), smoothedAccuracy: expect.any(Number) });
    const memorization = await json('memorization', '--dataset', 'fashion-mnist', '--width', '2', '--models', '2', '--epochs', '1', '--train-size', '64', '--workers', '1', '--out', join(home, 'mem.npz'));
    expect(memorization).toMatchObject({ out: join(home, 'mem.npz'), examples: 64, models: 2, subsetFraction: 0.7 });

    await json('analyze', '--model', 'net', '--layers', 'stage4', '--iterations', '6', '--reduce', '2', '--entropy-samples', '20', '--no-kl', '--no-genclass', '--workers', '1');
    const radii = await json<{ model: { name: string }; layer: string; certified: number; selected: number }>('certify-model', '--model', 'net', '--network', net, '--per-bin', '1', '--n0', '5', '--n', '10');
    expect(radii).toMatchObject({ model: { name: 'net' }, layer: 'stage4', certification: { n0: 5, n: 10 } });
    expect(radii.certified).toBe(radii.selected);
  }, 600_000);

  it('serve prints its start-up line as one JSON line', async () => {
    const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-worker', '--json'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [line] = await new Promise<string[]>((done, fail) => {
        createInterface({ input: server.stdout! }).once('line', (l) => done([l]));
        server.once('exit', (code) => fail(new Error(`serve exited with ${code}`)));
      });
      const started = JSON.parse(line) as { url: string; backend: string; worker: boolean };
      expect(started).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/), worker: false });
      expect(started.backend).toBeTruthy();
    } finally {
      server.kill('SIGTERM');
      await new Promise((done) => server.once('exit', done));
    }
  });
});
