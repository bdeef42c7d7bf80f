/**
 * Watches one fit run by polling its row: yields it at once, then whenever its status, progress or log changes, and
 * finishes after a final state. Polling the table works for in-process jobs and for workers in other processes.
 */
import { getRun, type Db, type FitRunRow } from '@classfit/db';

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** Options of {@link watchRun}. */
export interface WatchOptions {
  /** Poll interval in milliseconds (default 500). */
  readonly intervalMs?: number;
  /** Stops the watch early (the client unsubscribed). */
  readonly signal?: AbortSignal;
}

const fingerprint = (run: FitRunRow): string => JSON.stringify([run.status, run.progress, run.error, run.cancelRequested, run.log.at(-1) ?? null]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Yields the run now and on every change until it is final (or vanishes, or `signal` aborts). */
export async function* watchRun(db: Db, runId: number, options: WatchOptions = {}): AsyncGenerator<FitRunRow> {
  const intervalMs = options.intervalMs ?? 500;
  let last = '';
  while (!options.signal?.aborted) {
    const run = await getRun(db, runId);
    if (!run) return;
    const now = fingerprint(run);
    if (now !== last) {
      last = now;
      yield run;
    }
    if (FINAL.has(run.status)) return;
    await sleep(intervalMs, options.signal);
  }
}
