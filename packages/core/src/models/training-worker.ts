/**
 * Worker-thread entry: one wasm (or other) backend instance per worker, running
 * `TrainingJob`s sent by `training-pool.ts`. Messages:
 *   in:  { kind: 'init', backend, data } · { kind: 'job', id, job }
 *   out: { kind: 'ready', backend } · { kind: 'progress', id, progress } · { kind: 'done', id, output } · { kind: 'error', id, message }
 */
import { parentPort } from 'node:worker_threads';
import { initTrainingBackend } from './runtime.ts';
import { type JobData, runTrainingJob, type TrainingJob } from './training-job.ts';

let data: JobData | null = null;
const port = parentPort;
if (!port) throw new Error('training-worker.ts must run in a worker thread');

port.on('message', (message: { kind: 'init'; backend: string; data: JobData } | { kind: 'job'; id: number; job: TrainingJob }) => {
  if (message.kind === 'init') {
    data = message.data;
    initTrainingBackend(message.backend).then(
      (info) => port.postMessage({ kind: 'ready', backend: info.name }),
      (error: Error) => port.postMessage({ kind: 'error', id: -1, message: error.message }),
    );
    return;
  }
  const { id, job } = message;
  if (!data) {
    port.postMessage({ kind: 'error', id, message: 'worker not initialised' });
    return;
  }
  let lastReport = 0;
  runTrainingJob(job, data, (progress) => {
    const now = Date.now();
    if (progress.kind === 'epoch' || now - lastReport > 500) {
      lastReport = now;
      port.postMessage({ kind: 'progress', id, progress });
    }
  }).then(
    (output) => port.postMessage({ kind: 'done', id, output }),
    (error: Error) => port.postMessage({ kind: 'error', id, message: `${error.message}\n${error.stack ?? ''}` }),
  );
});
