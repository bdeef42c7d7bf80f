/**
 * A `classfit worker` on pg-boss: pulls layer jobs one at a time, claims the layer row (attempt, host), beats a
 * heartbeat carrying progress (and learns of a cancel request through it), computes and stores the layer, and
 * runs the model's summary when its last layer is done. Every worker also watches the others: a layer whose
 * worker stopped beating (SIGKILL, a crash, a lost machine) is handed back and its pg-boss job failed, so
 * pg-boss retries it with back-off; after the cap the dead-letter handler marks the run failed with the reason.
 */
import { hostname } from 'node:os';
import {
  appendRunLog, beatLayerJob, claimLayerJob, finishLayerJob, finishRun, getRun, heartbeatRun, layerJobsOfRun, releaseStaleLayerJobs,
  type RunProgress,
} from '@classfit/db';
import type { AppContext } from '../../context/app-context.ts';
import { analyzeRunLayer, summarizeRun } from '../../services/analyze-run-layer.ts';
import { CancelledError } from '../../services/errors.ts';
import { newWorkerId } from '../worker-id.ts';
import { LAYER_DEAD_QUEUE, LAYER_QUEUE, type LayerJobData, type PgBoss } from './boss.ts';

/** Options of {@link createBossWorker}. */
export interface BossWorkerOptions {
  /** Heartbeat age after which another worker's layer counts as dead (ms). */
  readonly staleMs: number;
  /** Heartbeat interval (default 1 s). */
  readonly heartbeatMs?: number;
  /** pg-boss polling interval (default 1 s; at least 0.5). */
  readonly pollSeconds?: number;
  /** Sampler worker threads per job. */
  readonly workers?: number;
  /** A layer job ended in this worker. */
  readonly onFinished?: (data: LayerJobData, outcome: 'succeeded' | 'failed' | 'cancelled' | 'skipped' | 'released', detail?: string) => void;
}

/** A running pg-boss worker. */
export interface BossWorker {
  readonly workerId: string;
  start(): Promise<void>;
  /** Stops pulling; a running layer is handed back (pg-boss retries it, from its checkpoint). */
  stop(): Promise<void>;
}

type Ctx = Pick<AppContext, 'db' | 'artifacts' | 'backendPreference' | 'log'>;

/** Creates a worker on `boss` (not yet started). */
export function createBossWorker(ctx: Ctx, boss: PgBoss, options: BossWorkerOptions): BossWorker {
  const host = hostname();
  const workerId = newWorkerId();
  const running = new Set<AbortController>();
  const inFlight = new Set<Promise<unknown>>();
  let watch: ReturnType<typeof setInterval> | undefined;

  async function runLayer(jobId: string, data: LayerJobData): Promise<unknown> {
    const { runId, layer } = data;
    const run = await getRun(ctx.db, runId);
    if (!run || run.status === 'cancelled' || run.cancelRequested) {
      if (run) await finishLayerJob(ctx.db, runId, layer, 'cancelled', 'cancelled on request');
      options.onFinished?.(data, 'cancelled');
      return { cancelled: true };
    }
    const row = await claimLayerJob(ctx.db, runId, layer, { workerId, host, jobId });
    if (!row) {
      // Finished before (e.g. this is a retry after the summary failed): only the summary may be left to do.
      if ((await layerJobsOfRun(ctx.db, runId)).find((l) => l.layer === layer)?.status === 'succeeded') await summarizeRun(ctx, run);
      options.onFinished?.(data, 'skipped');
      return { skipped: true };
    }
    const controller = new AbortController();
    running.add(controller);
    let latest: RunProgress | undefined;
    const beat = setInterval(() => {
      void beatLayerJob(ctx.db, runId, layer, workerId).then(
        async ({ owned, cancelRequested }) => {
          if (!owned) controller.abort('lost');
          else if (cancelRequested) controller.abort('cancel');
          if (latest) await heartbeatRun(ctx.db, runId, 'pg-boss', latest);
        },
        (error: unknown) => ctx.log(`worker ${workerId}: heartbeat failed: ${(error as Error).message}`),
      );
    }, options.heartbeatMs ?? 1000);
    const started = performance.now();
    await appendRunLog(ctx.db, runId, [`layer ${layer}: attempt ${row.attempts} on ${workerId} (host ${host})`]);
    try {
      const { backend } = await analyzeRunLayer(ctx, run, row, { signal: controller.signal, workers: options.workers, onProgress: (p) => (latest = p) });
      const line = `layer ${layer}: done on ${workerId} (host ${host}, backend ${backend}) in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      await appendRunLog(ctx.db, runId, [line]);
      if (await summarizeRun(ctx, run)) ctx.log(`worker ${workerId}: run ${runId}: summary stored, run succeeded`);
      options.onFinished?.(data, 'succeeded');
      return { layer, host, backend, workerId };
    } catch (error) {
      const reason = controller.signal.aborted ? (controller.signal.reason as string) : undefined;
      if (reason === 'cancel' && error instanceof CancelledError) {
        await finishLayerJob(ctx.db, runId, layer, 'cancelled', 'cancelled on request');
        await finishRun(ctx.db, runId, { status: 'cancelled', error: 'cancelled on request', log: [`layer ${layer}: cancelled on request (${workerId})`] });
        options.onFinished?.(data, 'cancelled');
        return { cancelled: true };
      }
      if (reason === 'lost') {
        options.onFinished?.(data, 'skipped', 'another worker holds the layer now');
        return { lost: true };
      }
      const message = reason === 'shutdown' ? `worker ${workerId} stopped (shutdown); retried from its checkpoint` : ((error as Error)?.message ?? String(error));
      await finishLayerJob(ctx.db, runId, layer, 'queued', `attempt ${row.attempts} on ${workerId}: ${message}`);
      await appendRunLog(ctx.db, runId, [`layer ${layer}: attempt ${row.attempts} on ${workerId} failed: ${message}`]);
      options.onFinished?.(data, reason === 'shutdown' ? 'released' : 'failed', message);
      throw error instanceof Error ? error : new Error(message);
    } finally {
      clearInterval(beat);
      running.delete(controller);
    }
  }

  /** The last attempt failed: the layer and its run end `failed`, with the layer's last reason. */
  async function onDead(data: LayerJobData): Promise<void> {
    const row = (await layerJobsOfRun(ctx.db, data.runId)).find((l) => l.layer === data.layer);
    const reason = `layer ${data.layer} failed after ${row?.attempts ?? '?'} attempts (the cap); last: ${row?.error ?? 'unknown'}`;
    await finishLayerJob(ctx.db, data.runId, data.layer, 'failed', row?.error ?? null);
    const run = await getRun(ctx.db, data.runId);
    if (run && (run.status === 'queued' || run.status === 'running')) await finishRun(ctx.db, data.runId, { status: 'failed', error: reason, log: [reason] });
    ctx.log(`worker ${workerId}: run ${data.runId}: ${reason}`);
  }

  /** Hands back layers whose worker died and fails their pg-boss job (pg-boss retries it or sends it to the dead letters). */
  async function reapStale(): Promise<void> {
    for (const row of await releaseStaleLayerJobs(ctx.db, options.staleMs)) {
      ctx.log(`worker ${workerId}: run ${row.runId} layer ${row.layer}: ${row.error}`);
      await appendRunLog(ctx.db, row.runId, [`layer ${row.layer}: ${row.error}; handed back to pg-boss`]);
      if (row.jobId) await boss.fail(LAYER_QUEUE, row.jobId, { message: row.error });
    }
  }

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    return promise.finally(() => inFlight.delete(promise));
  };

  return {
    workerId,
    async start() {
      const pollingIntervalSeconds = Math.max(0.5, options.pollSeconds ?? 1);
      await boss.work<LayerJobData>(LAYER_QUEUE, { batchSize: 1, pollingIntervalSeconds }, ([job]) => track(runLayer(job.id, job.data)));
      await boss.work<LayerJobData>(LAYER_DEAD_QUEUE, { batchSize: 1, pollingIntervalSeconds }, ([job]) => track(onDead(job.data)));
      watch = setInterval(() => void reapStale().catch((error: unknown) => ctx.log(`worker ${workerId}: ${(error as Error).message}`)), Math.max(500, options.staleMs / 3));
    },
    async stop() {
      if (watch) clearInterval(watch);
      await boss.offWork(LAYER_QUEUE);
      await boss.offWork(LAYER_DEAD_QUEUE);
      for (const controller of running) controller.abort('shutdown');
      await Promise.allSettled([...inFlight]);
    },
  };
}
