/**
 * Watches fit runs by polling their rows: one run (yields it at once, then whenever its status, progress or log
 * changes, and finishes after a final state), or the runs queued from now on. Polling the table works for
 * in-process jobs and for workers in other processes.
 */
import { getRun, latestRunId, runsQueuedAfter, type Db, type FitRunRow, type ProjectVisibility } from '@classfit/db';

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

/**
 * Yields every run queued after `after` (default: the newest run when the watch first polls), within `visibility`,
 * until `signal` aborts. A subscription passes the id it read while subscribing, so a run queued right after
 * `subscribe` returned is not taken for an older one.
 */
export async function* watchQueuedRuns(db: Db, visibility: ProjectVisibility, options: WatchOptions & { readonly after?: number } = {}): AsyncGenerator<FitRunRow> {
  const intervalMs = options.intervalMs ?? 500;
  let seen = options.after ?? (await latestRunId(db, visibility));
  while (!options.signal?.aborted) {
    for (const run of await runsQueuedAfter(db, seen, { visibility })) {
      seen = run.id;
      yield run;
    }
    await sleep(intervalMs, options.signal);
  }
}

/**
 * A stream whose `return()` (the client unsubscribed or disconnected) aborts the watch at once. A generator
 * cannot be stopped while it awaits, so without this a watch of queued runs would poll until the next run came.
 */
export function stoppable<T>(watch: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = watch(controller.signal);
  return {
    next: () => inner.next(),
    return: (value?: unknown) => {
      controller.abort();
      return inner.return(value as T);
    },
    throw: (error?: unknown) => {
      controller.abort();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
