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
  /** Stores progress, proves the worker alive, and reports a cancellation request. */
  heartbeat(runId: number, workerId: string, progress?: RunProgress): Promise<{ owned: boolean; cancelRequested: boolean }>;
  /** Final state of a job; `queued` hands it back for another worker to resume. */
  finish(runId: number, workerId: string, result: { status: 'succeeded' | 'failed' | 'cancelled' | 'queued'; error?: string; timings?: Record<string, number>; progress?: RunProgress }): Promise<void>;
  /** Re-queues jobs whose worker died (no heartbeat for `staleMs`) or that `workerId` held before a restart. */
  recover(options: { staleMs: number; workerId?: string }): Promise<FitRunRow[]>;
}

/** The queue in the `fit_runs` table. */
export function fitRunsQueue(db: Db): JobQueue {
  return {
    claim: (workerId, options) => claimRun(db, workerId, options),
    heartbeat: (runId, workerId, progress) => heartbeatRun(db, runId, workerId, progress),
    async finish(runId, workerId, result) {
      if (result.status === 'queued') return releaseRun(db, runId, workerId);
      await finishRun(db, runId, { status: result.status, error: result.error, timings: result.timings, progress: result.progress });
    },
    recover: (options) => requeueStaleRuns(db, options),
  };
}
