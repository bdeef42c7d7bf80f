/**
 * `classfit analyze` with DATABASE_URL goes through the pg-boss layer jobs (issue 8 §3), as real CLI processes on
 * one fresh PostgreSQL database and one shared artifact directory: with no worker running it runs one in its own
 * process (and says so) and stores what the single-process analysis stores; with a `classfit worker` running it
 * follows that worker. Runs only with TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findModel, getRun, layerJobsOfRun, runsByModelIds, type FitRunRow } from '@classfit/db';
import { openFreshPostgres } from '@classfit/db/testing';
import { killAll, spawnChild, type TestChild } from '@classfit/db/testing/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context/app-context.ts';
import type { AnalysisOptionsInput } from '../../services/analysis-options.ts';
import { requestAnalysis, runAnalysis } from '../../services/analyze-model.ts';
import { storedResults } from '../../testing/stored-results.ts';
import { openTestContext } from '../../testing/test-context.ts';
import { importSynthetic, writeSyntheticFiles } from '../../testing/synthetic-model.ts';

const url = process.env.TEST_DATABASE_URL;
const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');
// Tiny: 3 classes × 24 points, 2 layers, 40 sweeps; the flags below are the same options.
const OPTIONS: AnalysisOptionsInput = { iterations: 40, burnIn: 20, thin: 4, seed: 7, reduce: [3], entropySamples: 100, klSamples: 50 };
const FLAGS = ['--iterations', '40', '--burn-in', '20', '--thin', '4', '--seed', '7', '--reduce', '3', '--entropy-samples', '100', '--kl-samples', '50', '--workers', '1'];

describe.skipIf(!url)('classfit analyze on PostgreSQL (pg-boss layer jobs)', () => {
  let ctx: AppContext;
  let dbUrl: string;
  let folder: string;
  let homes: string;
  let started = 0;

  const cli = (...args: string[]): TestChild =>
    spawnChild(process.execPath, [bin, ...args], {
      env: {
        ...process.env, DATABASE_URL: dbUrl, CLASSFIT_HOME: join(homes, `p${started++}`), CLASSFIT_ARTIFACTS: ctx.artifacts.root,
        CLASSFIT_BACKEND: 'cpu', CLASSFIT_JOB_STALE_SECONDS: '5',
      },
    });
  /** Runs `classfit analyze` on `model` to its end; its output and the model's only run. */
  async function analyze(model: string): Promise<{ child: TestChild; run: FitRunRow }> {
    const child = cli('analyze', '--model', model, ...FLAGS);
    expect(await child.exited(), child.output()).toBe(0);
    const runs = await runsByModelIds(ctx.db, [(await findModel(ctx.db, model))!.id]);
    expect(runs).toHaveLength(1);
    return { child, run: runs[0] };
  }

  beforeAll(async () => {
    ctx = await openTestContext({ name: 'postgres', open: async () => {
      const handle = await openFreshPostgres(url!);
      dbUrl = handle.url;
      return handle;
    } });
    homes = await mkdtemp(join(tmpdir(), 'classfit-analyze-pg-'));
    folder = await writeSyntheticFiles(24, 3, 2);
    for (const name of ['single', 'solo', 'shared']) await importSynthetic(ctx, folder, name);
  }, 120_000);
  afterAll(async () => {
    await killAll();
    await ctx?.close();
    await rm(folder, { recursive: true, force: true });
    await rm(homes, { recursive: true, force: true });
  }, 60_000);

  it('with no worker running, analyze queues the layer jobs and runs a worker in its own process; results equal the single-process run', async () => {
    const { run: single } = await requestAnalysis(ctx, 'single', OPTIONS);
    await runAnalysis(ctx, single, { workers: 1 });

    const { child, run } = await analyze('solo');
    expect(child.output()).toMatch(new RegExp(`no classfit worker took a layer of run ${run.id} within 5 s: running worker \\S+:${child.pid}:\\S+ in this process until the run ends`));
    expect(child.output()).toMatch(new RegExp(`run ${run.id} succeeded \\(pg-boss layer jobs\\)`));
    expect(run).toMatchObject({ task: 'analyze-layers', status: 'succeeded' });
    const layers = await layerJobsOfRun(ctx.db, run.id);
    expect(layers.map((l) => [l.layer, l.status])).toEqual([['early', 'succeeded'], ['late', 'succeeded']]);
    expect(layers.every((l) => l.workerId?.includes(`:${child.pid}:`))).toBe(true);
    expect(await storedResults(ctx, run)).toEqual(await storedResults(ctx, (await getRun(ctx.db, single.id))!));
  }, 300_000);

  it('with a classfit worker running, analyze follows the worker, which takes the layers', async () => {
    const worker = cli('worker', '--workers', '1', '--poll-ms', '500');
    await worker.waitFor(/ready \(pg-boss layer jobs/);
    const { child, run } = await analyze('shared');
    expect(child.output()).toMatch(new RegExp(`run ${run.id}: 2 layer jobs on pg-boss; following them`));
    expect(child.output()).not.toMatch(/in this process until the run ends/);
    expect(run).toMatchObject({ task: 'analyze-layers', status: 'succeeded' });
    const layers = await layerJobsOfRun(ctx.db, run.id);
    expect(layers.every((l) => l.status === 'succeeded' && l.workerId?.includes(`:${worker.pid}:`))).toBe(true);
    worker.signal('SIGTERM');
    expect(await worker.exited()).toBe(0);
  }, 300_000);
});
