/**
 * The job queue interface the runner works against, and its implementation
 * over the `fit_runs` table (claims with `FOR UPDATE SKIP LOCKED`, so any
 * number of `classfit worker` processes can share one PostgreSQL). A
 * distributed queue (e.g. pg-boss) can implement the same interface.
 */
import { claimRun, finishRun, heartbeatRun, releaseRun, requeueStaleRuns, type Db, type FitRunRow, type RunProgress } from '@classfit/db';

/** What the job runner needs from a queue. */
export interface JobQueue {
  /** Claims the next queued job (or the given one) for `workerId`. */
  claim(workerId: string, options?: { runId?: number; tasks?: readonly string[] }): Promise<FitRunRow | undefined>;
  /** Stores progress, appends log lines, proves the worker alive, and reports a cancellation request. */
  heartbeat(runId: number, workerId: string, progress?: RunProgress, log?: readonly string[]): Promise<{ owned: boolean; cancelRequested: boolean }>;
  /** Final state of a job (with its last log lines); `queued` hands it back for another worker to resume. */
  finish(
    runId: number,
    workerId: string,
    result: { status: 'succeeded' | 'failed' | 'cancelled' | 'queued'; error?: string; timings?: Record<string, number>; progress?: RunProgress; log?: readonly string[] },
  ): Promise<void>;
  /** Re-queues jobs whose worker died (no heartbeat for `staleMs`) or that `workerId` held before a restart. */
  recover(options: { staleMs: number; workerId?: string }): Promise<FitRunRow[]>;
}

/** The queue in the `fit_runs` table. */
export function fitRunsQueue(db: Db): JobQueue {
  return {
    claim: (workerId, options) => claimRun(db, workerId, options),
    heartbeat: (runId, workerId, progress, log) => heartbeatRun(db, runId, workerId, progress, log),
    async finish(runId, workerId, result) {
      if (result.status === 'queued') {
        if (result.log?.length) await heartbeatRun(db, runId, workerId, undefined, result.log);
        return releaseRun(db, runId, workerId);
      }
      await finishRun(db, runId, { status: result.status, error: result.error, timings: result.timings, progress: result.progress, log: result.log });
    },
    recover: (options) => requeueStaleRuns(db, options),
  };
}
