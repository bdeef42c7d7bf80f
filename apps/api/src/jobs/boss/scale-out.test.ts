/**
 * Scale-out on PostgreSQL (issue 8 §3), end to end with real `classfit worker` processes on one fresh database
 * and one shared artifact directory (CLASSFIT_ARTIFACTS): two workers analyse a 4-layer model as per-layer
 * pg-boss jobs; one is SIGKILLed while it holds a layer; the other retries that layer and finishes, and the
 * stored results equal the single-process analysis of the same files with the same seed, with no duplicate rows.
 * A layer that kills its worker on every attempt ends `failed` after the cap, with the reason on the run.
 * Runs only with TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { findModel, getRun, layerJobsOfRun, layerSimilaritiesByRunIds, classFitsByRunIds, type FitRunRow } from '@classfit/db';
import { openFreshPostgres } from '@classfit/db/testing';
import { killAll, spawnChild, type TestChild } from '@classfit/db/testing/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context/app-context.ts';
import type { AnalysisOptionsInput } from '../../services/analysis-options.ts';
import { requestAnalysis, runAnalysis } from '../../services/analyze-model.ts';
import { openTestApi, type TestApi } from '../../testing/graphql-harness.ts';
import { storedResults } from '../../testing/stored-results.ts';
import { toGlobalId } from '../../services/views/global-id.ts';
import { importSynthetic, writeSyntheticFiles } from '../../testing/synthetic-model.ts';
import { createBossJobControl } from './boss-job-control.ts';
import { LAYER_QUEUE, openBoss, type PgBoss } from './boss.ts';

const url = process.env.TEST_DATABASE_URL;
const bin = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../bin/classfit.mjs');
// Tiny: 3 classes × 24 points per layer, 40 sweeps (long enough to be killed mid-layer), few samples.
const OPTIONS: AnalysisOptionsInput = { iterations: 40, burnIn: 20, thin: 4, seed: 7, reduce: [3], entropySamples: 100, klSamples: 50, bins: 4, checkpointEverySweeps: 10 };

describe.skipIf(!url)('pg-boss scale-out on PostgreSQL', () => {
  let ctx: AppContext;
  let api: TestApi;
  let dbUrl: string;
  let boss: PgBoss;
  let folder: string;
  let homes: string;
  const workers: TestChild[] = [];

  const startWorker = (): TestChild => {
    const child = spawnChild(process.execPath, [bin, 'worker', '--workers', '1', '--poll-ms', '500'], {
      env: {
        ...process.env, DATABASE_URL: dbUrl, CLASSFIT_HOME: join(homes, `w${workers.length}`), CLASSFIT_ARTIFACTS: ctx.artifacts.root,
        CLASSFIT_BACKEND: 'cpu', CLASSFIT_JOB_STALE_SECONDS: '5',
      },
    });
    workers.push(child);
    return child;
  };
  /** Waits until `pick` finds something in the run's layer rows (polling the database). */
  async function waitForLayers<T>(runId: number, pick: (rows: Awaited<ReturnType<typeof layerJobsOfRun>>, run: FitRunRow) => T | undefined, timeoutMs = 180_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = pick(await layerJobsOfRun(ctx.db, runId), (await getRun(ctx.db, runId))!);
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error(`timed out; workers said:\n${workers.map((w) => w.output().slice(-2000)).join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const heldBy = (child: TestChild) => (rows: Awaited<ReturnType<typeof layerJobsOfRun>>) => rows.find((r) => r.status === 'running' && r.workerId?.includes(`:${child.pid}:`));

  beforeAll(async () => {
    // The GraphQL API on a fresh database whose URL the workers get; its artifact folder is the workers' shared one.
    api = await openTestApi({ name: 'postgres', open: async () => {
      const handle = await openFreshPostgres(url!);
      dbUrl = handle.url;
      return handle;
    } });
    ctx = api.app;
    homes = await mkdtemp(join(tmpdir(), 'classfit-scale-out-'));
    folder = await writeSyntheticFiles(24, 3, 4);
    await importSynthetic(ctx, folder, 'single', { layerCount: 4 });
    await importSynthetic(ctx, folder, 'shared', { layerCount: 4 });
    await importSynthetic(ctx, folder, 'doomed', { layerCount: 4 });
    await importSynthetic(ctx, folder, 'stopped', { layerCount: 4 });
    await importSynthetic(ctx, folder, 'twice', { layerCount: 4 });
    boss = await openBoss(dbUrl, { retryDelaySeconds: 1 });
  }, 120_000);
  afterAll(async () => {
    await killAll();
    await boss?.stop({ graceful: false, wait: true, timeout: 5000 });
    await api?.close();
    await rm(folder, { recursive: true, force: true });
    await rm(homes, { recursive: true, force: true });
  }, 60_000);

  it('two workers share a model layer by layer; one SIGKILLed mid-layer, the other retries it; results equal the single-process run', async () => {
    // The reference: the in-process pipeline on the same files and seed, one process, one layer after another.
    const { run: single } = await requestAnalysis(ctx, 'single', OPTIONS);
    await runAnalysis(ctx, single, { workers: 1 });

    const jobs = createBossJobControl(ctx, boss);
    const model = (await findModel(ctx.db, 'shared'))!;
    const run = await jobs.startAnalysis(model.id, OPTIONS);
    expect(run).toMatchObject({ task: 'analyze-layers', status: 'queued' });
    expect((await layerJobsOfRun(ctx.db, run.id)).map((l) => [l.layer, l.status, l.jobId !== null])).toEqual(
      ['early', 'late', 'layer2', 'layer3'].map((name) => [name, 'queued', true]),
    );
    const victim = startWorker();
    const survivor = startWorker();
    const killed = await waitForLayers(run.id, heldBy(victim));
    victim.signal('SIGKILL');
    await victim.exited();
    const done = await waitForLayers(run.id, (_rows, r) => (r.status === 'succeeded' || r.status === 'failed' ? r : undefined));
    expect(done.status, done.error ?? '').toBe('succeeded');

    const layers = await layerJobsOfRun(ctx.db, run.id);
    expect(layers.every((l) => l.status === 'succeeded' && l.backend === 'cpu' && l.host)).toBe(true);
    const retried = layers.find((l) => l.layer === killed.layer)!;
    expect(retried.attempts).toBeGreaterThanOrEqual(2);
    expect(retried.workerId).toContain(`:${survivor.pid}:`);
    expect(done.log.join('\n')).toMatch(new RegExp(`layer ${killed.layer}: its worker \\S+:${victim.pid}:\\S+ stopped beating during attempt 1`));
    expect(done.log.filter((line) => /summary .* stored; run succeeded/.test(line))).toHaveLength(1);

    // Same numbers as the single-process run, and no duplicate rows (12 class fits, 4 × 4 similarities).
    expect(await storedResults(ctx, done)).toEqual(await storedResults(ctx, (await getRun(ctx.db, single.id))!));
    expect(await classFitsByRunIds(ctx.db, [run.id])).toHaveLength(4 * 3);
    expect(await layerSimilaritiesByRunIds(ctx.db, [run.id])).toHaveLength(4 * 4);
    // What the Jobs page reads: every layer's worker, host and backend.
    const seen = await api.execute(`query($id: ID!) { fitRun(id: $id) { status layerJobs { layer status attempts worker host backend } } }`, { id: toGlobalId('FitRun', run.id) });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.fitRun.status).toBe('SUCCEEDED');
    expect(seen.data!.fitRun.layerJobs.map((j: { layer: string }) => j.layer)).toEqual(['early', 'late', 'layer2', 'layer3']);
    expect(seen.data!.fitRun.layerJobs.every((j: { status: string; backend: string; host: string; worker: string }) => j.status === 'SUCCEEDED' && j.backend === 'cpu' && j.host && j.worker.startsWith(`${j.host}:`))).toBe(true);
    survivor.signal('SIGTERM');
    expect(await survivor.exited()).toBe(0);
  }, 300_000);

  it('simultaneous starts of one analysis queue each layer once', async () => {
    // Two API processes (or analyze and the Jobs page) starting the same analysis at the same moment: one boss each.
    const other = await openBoss(dbUrl, { retryDelaySeconds: 1 });
    try {
      const model = (await findModel(ctx.db, 'twice'))!;
      // Four starts over two pg-boss instances, so some overlap however the scheduler orders them.
      const controls = [boss, other, boss, other].map((b) => createBossJobControl(ctx, b));
      const [a, ...others] = await Promise.all(controls.map((jobs) => jobs.startAnalysis(model.id, OPTIONS)));
      expect(others.map((r) => r.id)).toEqual([a.id, a.id, a.id]);
      const { rows } = (await ctx.db.execute(sql`select id::text, data->>'layer' as layer from pgboss.job where name = ${LAYER_QUEUE} and (data->>'runId')::int = ${a.id} order by data->>'layer'`)) as unknown as { rows: { id: string; layer: string }[] };
      expect(rows.map((r) => r.layer)).toEqual(['early', 'late', 'layer2', 'layer3']);
      expect((await layerJobsOfRun(ctx.db, a.id)).map((l) => l.jobId)).toEqual(rows.map((r) => r.id));
      await createBossJobControl(ctx, boss).cancel(a.id);
    } finally {
      await other.stop({ graceful: false, wait: true, timeout: 5000 });
    }
  }, 60_000);

  it('a layer that kills its worker on every attempt ends the run failed after 3 attempts, with the reason', async () => {
    const jobs = createBossJobControl(ctx, boss);
    const model = (await findModel(ctx.db, 'doomed'))!;
    const run = await jobs.startAnalysis(model.id, { ...OPTIONS, layers: ['early'] });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const worker = startWorker();
      const held = await waitForLayers(run.id, heldBy(worker));
      expect(held.attempts).toBe(attempt);
      worker.signal('SIGKILL');
      await worker.exited();
    }
    const watcher = startWorker(); // notices the third death; pg-boss then gives up and dead-letters the job
    const failed = await waitForLayers(run.id, (_rows, r) => (r.status === 'failed' ? r : undefined));
    expect(failed.error).toMatch(/^layer early failed after 3 attempts \(the cap\); last: its worker \S+ stopped beating during attempt 3 \(killed or crashed\)$/);
    expect((await layerJobsOfRun(ctx.db, run.id))[0]).toMatchObject({ status: 'failed', attempts: 3 });
    const seen = await api.execute(`query($id: ID!) { fitRun(id: $id) { status error layerJobs { status attempts error } } }`, { id: toGlobalId('FitRun', run.id) });
    expect(seen.data!.fitRun).toEqual({ status: 'FAILED', error: failed.error, layerJobs: [{ status: 'FAILED', attempts: 3, error: expect.stringMatching(/stopped beating during attempt 3/) }] });
    watcher.signal('SIGTERM');
    await watcher.exited();
  }, 300_000);

  it('cancel reaches a running layer through its heartbeat and cancels the queued layers in pg-boss', async () => {
    const jobs = createBossJobControl(ctx, boss);
    const model = (await findModel(ctx.db, 'stopped'))!;
    const run = await jobs.startAnalysis(model.id, { ...OPTIONS, iterations: 400, burnIn: 200 });
    const worker = startWorker();
    const held = await waitForLayers(run.id, heldBy(worker));
    const flagged = await jobs.cancel(run.id);
    expect(flagged).toMatchObject({ status: 'running', cancelRequested: true });
    const cancelled = await waitForLayers(run.id, (_rows, r) => (r.status === 'cancelled' ? r : undefined), 60_000);
    expect(cancelled.error).toBe('cancelled on request');
    const layers = await layerJobsOfRun(ctx.db, run.id);
    expect(layers.find((l) => l.layer === held.layer)).toMatchObject({ status: 'cancelled' });
    expect(layers.every((l) => l.status === 'cancelled')).toBe(true);
    expect(await classFitsByRunIds(ctx.db, [run.id])).toHaveLength(0);
    worker.signal('SIGTERM');
    expect(await worker.exited()).toBe(0);
  }, 300_000);
});
