import { enqueueRun, getRun, heartbeatRun, claimRun, requestRunCancel, upsertArchitecture, upsertDataset, upsertProject, insertModel } from '@classfit/db';
import { testEngines } from '@classfit/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context/app-context.ts';
import { CancelledError } from '../services/errors.ts';
import { openTestContext } from '../testing/test-context.ts';
import { createJobRunner, type TaskHandler } from './job-runner.ts';

/** A task that reports progress, then waits until aborted or released by the test. */
function controllableTask(): { task: TaskHandler; release: () => void; started: Promise<void> } {
  let release!: () => void;
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const released = new Promise<void>((r) => (release = r));
  const task: TaskHandler = async (_ctx, _run, hooks) => {
    hooks.onProgress({ phase: 'fit', sweep: 1, totalSweeps: 2 });
    markStarted();
    await Promise.race([released, new Promise((_, reject) => hooks.signal.addEventListener('abort', () => reject(new CancelledError())))]);
    return 'ok';
  };
  return { task, release, started };
}

for (const engine of testEngines()) {
  describe(`job runner on ${engine.name}`, () => {
    let ctx: AppContext;
    let modelId: number;
    let key = 0;
    const enqueue = async () => (await enqueueRun(ctx.db, { modelId, task: 'test', configKey: `k${key++}`, config: {}, seed: 0 })).run;

    beforeAll(async () => {
      ctx = await openTestContext(engine);
      const project = await upsertProject(ctx.db, 'p');
      const dataset = await upsertDataset(ctx.db, 'd', 2);
      const arch = await upsertArchitecture(ctx.db, { name: 'a', family: 'a' });
      modelId = (await insertModel(ctx.db, { projectId: project.id, name: 'm', architectureId: arch.id, datasetId: dataset.id })).id;
    });
    afterAll(async () => ctx?.close());

    it('writes progress through the heartbeat and finishes the run', async () => {
      const { task, release, started } = controllableTask();
      const run = await enqueue();
      const runner = createJobRunner(ctx, { tasks: { test: task }, heartbeatMs: 10 });
      const done = runner.runNext({ runId: run.id });
      await started;
      await new Promise((r) => setTimeout(r, 60));
      expect((await getRun(ctx.db, run.id))?.progress).toEqual({ phase: 'fit', sweep: 1, totalSweeps: 2 });
      release();
      expect((await done)?.outcome).toBe('succeeded');
      expect(await getRun(ctx.db, run.id)).toMatchObject({ status: 'succeeded', progress: { phase: 'done' } });
    });

    it('logs each new progress line through the heartbeat, and the outcome with the finish', async () => {
      const run = await enqueue();
      let proceed!: () => void;
      const gate = new Promise<void>((r) => (proceed = r));
      const task: TaskHandler = async (_ctx, _run, hooks) => {
        for (let sweep = 1; sweep <= 3; sweep++) hooks.onProgress({ phase: 'fit', layer: 'stage1', layerIndex: 0, layerCount: 2, message: 'class 0', sweep, totalSweeps: 3 });
        hooks.onProgress({ phase: 'fit', layer: 'stage1', layerIndex: 0, layerCount: 2, message: 'class 1', sweep: 1, totalSweeps: 3 });
        await gate;
        return 'ok';
      };
      const runner = createJobRunner(ctx, { tasks: { test: task }, heartbeatMs: 10 });
      const done = runner.runNext({ runId: run.id });
      const text = (line: string) => line.replace(/^\d\d:\d\d:\d\d /, '');
      await expect.poll(async () => (await getRun(ctx.db, run.id))!.log.map(text), { timeout: 5000 }).toEqual([
        expect.stringMatching(/^claimed by .* \(attempt 1\)$/),
        'fit · layer stage1 (1/2) · class 0',
        'fit · layer stage1 (1/2) · class 1',
      ]);
      proceed();
      expect((await done)?.outcome).toBe('succeeded');
      const log = (await getRun(ctx.db, run.id))!.log;
      expect(log).toHaveLength(4);
      expect(text(log[3])).toMatch(/^succeeded in \d+\.\d s$/);
    });

    it('cancels a running job on request (seen through the heartbeat)', async () => {
      const { task, started } = controllableTask();
      const run = await enqueue();
      const runner = createJobRunner(ctx, { tasks: { test: task }, heartbeatMs: 10 });
      const done = runner.runNext({ runId: run.id });
      await started;
      await requestRunCancel(ctx.db, run.id);
      expect((await done)?.outcome).toBe('cancelled');
      expect((await getRun(ctx.db, run.id))?.status).toBe('cancelled');
    });

    it('hands the current job back on stop, and recovers jobs of a dead worker', async () => {
      const { task, started } = controllableTask();
      const run = await enqueue();
      const runner = createJobRunner(ctx, { tasks: { test: task }, pollMs: 10, heartbeatMs: 10 });
      await runner.start();
      await started;
      await runner.stop();
      expect(await getRun(ctx.db, run.id)).toMatchObject({ status: 'queued', workerId: null });

      // A worker claims the run, then dies: its heartbeat goes stale.
      expect((await claimRun(ctx.db, 'dead-worker', { runId: run.id }))?.status).toBe('running');
      await ctx.db.execute(sql`update fit_runs set heartbeat_at = now() - interval '1 hour' where id = ${run.id}`);
      expect(await heartbeatRun(ctx.db, run.id, 'someone-else')).toEqual({ owned: false, cancelRequested: false });
      const rescuer = createJobRunner(ctx, { tasks: { test: task }, staleMs: 60_000 });
      expect((await rescuer.recover()).map((r) => r.id)).toEqual([run.id]);
      expect((await getRun(ctx.db, run.id))?.status).toBe('queued');
    });

    it('marks a job failed with the task error', async () => {
      const run = await enqueue();
      const runner = createJobRunner(ctx, { tasks: { test: async () => { throw new Error('boom'); } } });
      expect((await runner.runNext({ runId: run.id }))?.outcome).toBe('failed');
      expect(await getRun(ctx.db, run.id)).toMatchObject({ status: 'failed', error: 'boom' });
    });
  });
}
