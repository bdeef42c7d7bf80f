/**
 * `classfit analyze` on PostgreSQL follows its run's pg-boss layer jobs (queued like the GraphQL mutation queues
 * them) with a progress bar over the layers while `classfit worker`s take them. When no worker has held one of the
 * run's layers for `idleMs` while some are still waiting, it starts a worker in this process (the same code as
 * `classfit worker`: it pulls layer jobs from the shared queue, so it and any other workers share the model) and
 * says so; that worker stops when the run ends. Ctrl-C stops following (and hands a layer this process holds back
 * to pg-boss, which retries it from its checkpoint); the run itself goes on.
 */
import { getRun, layerJobsOfRun, type FitRunLayerRow, type FitRunRow, type RunProgress } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { getEnv } from '../env.ts';
import { createBossWorker, type BossWorker } from '../jobs/boss/boss-worker.ts';
import type { PgBoss } from '../jobs/boss/boss.ts';
import { printResult } from './output.ts';
import { createProgressBar } from './progress.ts';
import { onStopRequest } from './stop-signals.ts';

/** How long the run's layers may wait with no worker on any of them before this process runs one (ms). */
export const IDLE_BEFORE_LOCAL_WORKER_MS = 5000;

/** Options of {@link followLayerRun}. */
export interface FollowLayerRunOptions {
  readonly created: boolean;
  readonly json?: boolean;
  /** Sampler threads of the in-process worker. */
  readonly workers?: number;
  readonly idleMs?: number;
  readonly pollMs?: number;
}

/** `early fit early/main 12/40 · 2 layers on host-a, host-b` from the run's latest progress and its running layers. */
function progressText(progress: RunProgress | null, running: readonly FitRunLayerRow[]): string {
  const step = progress?.phase === 'fit' && progress.message ? `fit ${progress.message} ${progress.sweep ?? 0}/${progress.totalSweeps ?? '?'}` : (progress?.phase ?? '');
  const hosts = [...new Set(running.map((l) => l.host ?? '?'))].join(', ');
  return [step, running.length ? `${running.length} layer${running.length === 1 ? '' : 's'} on ${hosts}` : 'waiting for a worker'].filter(Boolean).join(' · ');
}

/** Follows `run` until it ends; resolves to the exit code its outcome calls for (130 when asked to stop). */
export async function followLayerRun(ctx: AppContext, boss: PgBoss, run: FitRunRow, options: FollowLayerRunOptions): Promise<number> {
  const layerCount = (run.config.layers as string[]).length;
  const idleMs = options.idleMs ?? IDLE_BEFORE_LOCAL_WORKER_MS;
  ctx.log(`run ${run.id}: ${layerCount} layer job${layerCount === 1 ? '' : 's'} on pg-boss; following them (a worker starts in this process if no classfit worker takes one within ${idleMs / 1000} s)`);
  let local: BossWorker | undefined;
  let stopped = false;
  const unregister = onStopRequest(() => (stopped = true));
  const bar = createProgressBar(`run ${run.id} layers`, layerCount);
  let idleSince = Date.now();
  try {
    for (;;) {
      const [now, layers] = await Promise.all([getRun(ctx.db, run.id), layerJobsOfRun(ctx.db, run.id)]);
      if (!now) throw new Error(`run ${run.id} disappeared`);
      const done = layers.filter((l) => l.status === 'succeeded').length;
      const running = layers.filter((l) => l.status === 'running');
      bar.update(done, progressText(now.progress, running));
      if (now.status === 'succeeded') {
        bar.finish();
        const jobs = layers.map((l) => ({ layer: l.layer, worker: l.workerId, host: l.host, backend: l.backend, attempts: l.attempts }));
        printResult(options.json, { run: { id: run.id, status: now.status }, created: options.created, inProcessWorker: local?.workerId ?? null, layerJobs: jobs }, () =>
          [`run ${run.id} succeeded (pg-boss layer jobs); classfit report shows its findings`, ...jobs.map((j) => `  ${j.layer}: ${j.worker ?? '?'} (backend ${j.backend ?? '?'}, attempt ${j.attempts})`)].join('\n'));
        return 0;
      }
      if (now.status === 'failed' || now.status === 'cancelled') {
        bar.finish(now.status);
        throw new Error(`run ${run.id} ${now.status}${now.error ? `: ${now.error}` : ''}`);
      }
      if (stopped) {
        bar.finish('stopped following');
        ctx.log(`stopped following run ${run.id}; its layers stay queued on pg-boss (classfit worker, or analyze again, continues them from their checkpoints)`);
        return 130;
      }
      if (running.length > 0 || done === layerCount) idleSince = Date.now();
      else if (!local && Date.now() - idleSince >= idleMs) {
        local = createBossWorker(ctx, boss, { staleMs: getEnv().CLASSFIT_JOB_STALE_SECONDS * 1000, workers: options.workers });
        await local.start();
        ctx.log(`no classfit worker took a layer of run ${run.id} within ${idleMs / 1000} s: running worker ${local.workerId} in this process until the run ends`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  } finally {
    unregister();
    await local?.stop();
  }
}
