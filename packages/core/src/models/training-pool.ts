import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InvalidArgumentError } from '../errors/index.ts';
import { backendPreference } from '../tensor/index.ts';
import { initTrainingBackend } from './runtime.ts';
import type { TrainProgress } from './train.ts';
import { type JobData, runTrainingJob, type TrainingJob, type TrainingJobResult } from './training-job.ts';

/** Options of `runTrainingJobs`. */
export interface PoolOptions {
  /** Worker threads (default min(jobs, available cores)); 0 runs the jobs in this thread, one after another. */
  readonly workers?: number;
  /** Backend each worker initialises (default: core's `backendPreference()`, which the CLI sets from `CLASSFIT_BACKEND`). */
  readonly backend?: string;
  /** Progress of job `index`. */
  readonly onProgress?: (index: number, progress: TrainProgress) => void;
  /** Called when job `index` finishes. */
  readonly onJobDone?: (index: number, output: TrainingJobResult) => void;
}

/**
 * Runs independent training jobs on the same data, spread over worker threads
 * with one backend instance each (wasm runs single-threaded in Node, so this is
 * how trainings use several cores). Results come back in job order.
 * @param jobs training runs (architecture spec, options, what to return/save)
 * @param data training images [n, h, w, c] + labels [n], optional held-out set
 */
export async function runTrainingJobs(jobs: readonly TrainingJob[], data: JobData, options: PoolOptions = {}): Promise<TrainingJobResult[]> {
  const workers = options.workers ?? Math.min(jobs.length, availableParallelism());
  if (!Number.isInteger(workers) || workers < 0) throw new InvalidArgumentError('workers', `must be an integer ≥ 0, got ${workers}`);
  if (workers === 0 || jobs.length === 0) {
    await initTrainingBackend(options.backend);
    const results: TrainingJobResult[] = [];
    for (const [index, job] of jobs.entries()) {
      results.push(await runTrainingJob(job, data, (p) => options.onProgress?.(index, p)));
      options.onJobDone?.(index, results[index]);
    }
    return results;
  }
  const results = new Array<TrainingJobResult>(jobs.length);
  let next = 0;
  const threads = Array.from({ length: Math.min(workers, jobs.length) }, () => startWorker(data, options.backend ?? backendPreference()));
  try {
    await Promise.all(
      threads.map(async (thread) => {
        await thread.ready;
        while (next < jobs.length) {
          const index = next++;
          results[index] = await thread.run(jobs[index], (p) => options.onProgress?.(index, p));
          options.onJobDone?.(index, results[index]);
        }
      }),
    );
  } finally {
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
  return results;
}

interface Thread {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  run(job: TrainingJob, onProgress: (p: TrainProgress) => void): Promise<TrainingJobResult>;
}

type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'progress'; id: number; progress: TrainProgress }
  | { kind: 'done'; id: number; output: TrainingJobResult }
  | { kind: 'error'; id: number; message: string };

function startWorker(data: JobData, backend: string): Thread {
  // A JS entry registers tsx inside the worker (hooks from the parent's `--import tsx` do not reach it).
  const worker = new Worker(new URL('./training-worker-entry.mjs', import.meta.url));
  let pending: { id: number; resolve: (r: TrainingJobResult) => void; reject: (e: Error) => void; onProgress: (p: TrainProgress) => void } | null = null;
  let readyResolve!: () => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  let counter = 0;
  const fail = (error: Error) => {
    readyReject(error);
    pending?.reject(error);
    pending = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'ready') readyResolve();
    else if (message.kind === 'progress') pending?.onProgress(message.progress);
    else if (message.kind === 'done') {
      pending?.resolve(message.output);
      pending = null;
    } else fail(new Error(`training worker: ${message.message}`));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`training worker exited with code ${code}`));
  });
  worker.postMessage({ kind: 'init', backend, data });
  return {
    worker,
    ready,
    run(job, onProgress) {
      return new Promise((resolve, reject) => {
        pending = { id: counter++, resolve, reject, onProgress };
        worker.postMessage({ kind: 'job', id: pending.id, job });
      });
    },
  };
}
