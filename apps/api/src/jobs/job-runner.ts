/**
 * A small in-process job runner over a {@link JobQueue}: claims a job, runs
 * its task with an AbortController, beats a heartbeat carrying the latest
 * progress and new log lines (and learns of cancellation requests through it),
 * and records the outcome. On start it re-queues jobs whose worker died, so they resume from
 * their checkpoints. `classfit worker` and the API server run this same code.
 */
import type { FitRunRow, RunProgress } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { CancelledError } from '../services/errors.ts';
import { createProgressLog } from './progress-log.ts';
import { fitRunsQueue, type JobQueue } from './queue.ts';
import { newWorkerId } from './worker-id.ts';

/** What a task receives besides the context and its run. */
export interface TaskHooks {
  readonly signal: AbortSignal;
  readonly onProgress: (progress: RunProgress) => void;
  readonly workers?: number;
}

/** One job task (one file per task under tasks/). */
export type TaskHandler = (ctx: AppContext, run: FitRunRow, hooks: TaskHooks) => Promise<unknown>;

/** How a job ended in this worker. */
export type JobOutcome = 'succeeded' | 'failed' | 'cancelled' | 'released' | 'lost';

/** Options of {@link createJobRunner}. */
export interface JobRunnerOptions {
  readonly tasks: Readonly<Record<string, TaskHandler>>;
  readonly queue?: JobQueue;
  readonly workerId?: string;
  /** Poll interval when idle (default 2 s). */
  readonly pollMs?: number;
  /** Heartbeat/progress write interval (default 1 s). */
  readonly heartbeatMs?: number;
  /** Heartbeat age after which another worker's job counts as dead (default 120 s). */
  readonly staleMs?: number;
  /** Sampler worker threads per job. */
  readonly workers?: number;
  /** Every progress report of the running job (e.g. a CLI progress bar). */
  readonly onProgress?: (run: FitRunRow, progress: RunProgress) => void;
  /** A job finished in this worker. */
  readonly onFinished?: (run: FitRunRow, outcome: JobOutcome, detail: unknown) => void;
}

/** A running job runner. */
export interface JobRunner {
  readonly workerId: string;
  /** Claims and runs one job (the given one, or the oldest queued); undefined when none was claimable. */
  runNext(options?: { runId?: number }): Promise<{ run: FitRunRow; outcome: JobOutcome; result: unknown } | undefined>;
  /** Re-queues jobs whose worker died (or that this worker id held before); returns them. */
  recover(): Promise<FitRunRow[]>;
  /** Recovers dead jobs, then polls and runs jobs one after another until {@link JobRunner.stop}. */
  start(): Promise<void>;
  /** Poll now (e.g. after queuing a job). */
  wake(): void;
  /** Stops polling; a running job is handed back to the queue (it resumes later). */
  stop(): Promise<void>;
}

/** Creates a job runner on `ctx` (the fit_runs queue by default). */
export function createJobRunner(ctx: AppContext, options: JobRunnerOptions): JobRunner {
  const queue = options.queue ?? fitRunsQueue(ctx.db);
  const workerId = options.workerId ?? newWorkerId();
  let stopping = false;
  let current: AbortController | undefined;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  async function execute(run: FitRunRow): Promise<{ run: FitRunRow; outcome: JobOutcome; result: unknown }> {
    const controller = new AbortController();
    current = controller;
    let latest: RunProgress | undefined;
    let dirty = false;
    const log = createProgressLog();
    log.note(`claimed by ${workerId} (attempt ${run.attempts})`);
    const started = performance.now();
    const beat = setInterval(() => {
      const lines = log.take();
      void queue.heartbeat(run.id, workerId, dirty ? latest : undefined, lines).then(
        ({ owned, cancelRequested }) => {
          dirty = false;
          if (!owned) controller.abort('lost');
          else if (cancelRequested) controller.abort('cancel');
        },
        (error: unknown) => {
          log.restore(lines);
          ctx.log(`worker ${workerId}: heartbeat failed: ${(error as Error).message}`);
        },
      );
    }, options.heartbeatMs ?? 1000);
    const task = options.tasks[run.task];
    let outcome: JobOutcome;
    let detail: unknown;
    try {
      if (!task) throw new Error(`no task named "${run.task}"`);
      detail = await task(ctx, run, {
        signal: controller.signal,
        workers: options.workers,
        onProgress: (progress) => {
          latest = progress;
          dirty = true;
          log.add(progress);
          options.onProgress?.(run, progress);
        },
      });
      outcome = 'succeeded';
      const totalMs = Math.round(performance.now() - started);
      log.note(`succeeded in ${(totalMs / 1000).toFixed(1)} s`);
      await queue.finish(run.id, workerId, { status: 'succeeded', timings: { totalMs }, progress: { phase: 'done' }, log: log.take() });
    } catch (error) {
      detail = error;
      const reason = controller.signal.aborted ? controller.signal.reason : undefined;
      if (error instanceof CancelledError || reason !== undefined) {
        outcome = reason === 'cancel' ? 'cancelled' : reason === 'lost' ? 'lost' : 'released';
        if (outcome === 'cancelled') {
          log.note('cancelled on request');
          await queue.finish(run.id, workerId, { status: 'cancelled', error: 'cancelled on request', progress: latest, log: log.take() });
        }
        if (outcome === 'released') {
          log.note('handed back to the queue (worker stopping); resumes from its checkpoint');
          await queue.finish(run.id, workerId, { status: 'queued', log: log.take() });
        }
      } else {
        outcome = 'failed';
        const message = (error as Error)?.message ?? String(error);
        log.note(`failed: ${message}`);
        await queue.finish(run.id, workerId, { status: 'failed', error: message, progress: latest, log: log.take() });
      }
    } finally {
      clearInterval(beat);
      current = undefined;
    }
    options.onFinished?.(run, outcome, detail);
    return { run, outcome, result: detail };
  }

  async function runNext(next: { runId?: number } = {}) {
    const run = await queue.claim(workerId, { runId: next.runId, tasks: Object.keys(options.tasks) });
    return run ? execute(run) : undefined;
  }

  async function recover(): Promise<FitRunRow[]> {
    const recovered = await queue.recover({ staleMs: options.staleMs ?? 120_000, workerId });
    for (const run of recovered) ctx.log(`worker ${workerId}: re-queued run ${run.id} (its worker stopped)`);
    return recovered;
  }

  return {
    workerId,
    runNext,
    recover,
    async start() {
      if (loop) return;
      stopping = false;
      await recover();
      loop = (async () => {
        while (!stopping) {
          const done = await runNext().catch((error: unknown) => {
            ctx.log(`worker ${workerId}: ${(error as Error).message}`);
            return undefined;
          });
          if (done || stopping) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.pollMs ?? 2000);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wakeUp = undefined;
        }
      })();
    },
    wake: () => wakeUp?.(),
    async stop() {
      stopping = true;
      current?.abort('shutdown');
      wakeUp?.();
      await loop;
      loop = undefined;
    },
  };
}
