/**
 * worker_threads entry: runs a slice of the (class, chain) units of a fit with a
 * LockstepRunner. Protocol (all messages are plain objects):
 *   in  { type: 'run', until, checkpoint }     → runs, then out { type: 'reports', reports }
 *   out { type: 'progress', sweep, clusterSum } after every lock-step sweep
 *   out { type: 'error', message, stack }
 * A shared Int32 stop flag (workerData.stop) set to 1 ends a run after the current sweep.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type ChainDiagnostics, LockstepRunner, type UnitReport, type UnitSpec } from './lockstep.ts';
import type { FitOptions } from './options.ts';

interface WorkerInput {
  specs: UnitSpec[];
  options: FitOptions;
  resumeDiagnostics: [number, ChainDiagnostics][];
  stop: SharedArrayBuffer;
}

const input = workerData as WorkerInput;
const port = parentPort!;
const stop = new Int32Array(input.stop);
let runner: LockstepRunner;
try {
  runner = new LockstepRunner(input.specs, input.options, new Map(input.resumeDiagnostics));
} catch (error) {
  port.postMessage({ type: 'error', message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack });
}

port.on('message', (message: { type: 'run'; until: number; checkpoint: boolean }) => {
  if (message.type !== 'run' || runner === undefined) return;
  try {
    runner.advance(
      message.until,
      () => Atomics.load(stop, 0) !== 0,
      (sweep, clusterSum) => port.postMessage({ type: 'progress', sweep, clusterSum }),
    );
    const reports = runner.report(message.checkpoint);
    port.postMessage({ type: 'reports', reports }, transferables(reports));
  } catch (error) {
    port.postMessage({ type: 'error', message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack });
  }
});

/** The typed-array buffers of the reports (each owned by exactly one array). */
function transferables(reports: UnitReport[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const report of reports) {
    for (const trace of report.traces) {
      buffers.push(trace.assignments.buffer as ArrayBuffer, trace.counts.buffer as ArrayBuffer);
      buffers.push(trace.means.buffer as ArrayBuffer, trace.cholPsi.buffer as ArrayBuffer);
    }
    const cp = report.checkpoint;
    if (cp) {
      buffers.push(cp.assignments.buffer as ArrayBuffer, cp.permutation.buffer as ArrayBuffer);
      if (cp.means) buffers.push(cp.means.buffer as ArrayBuffer);
      if (cp.cholPsi) buffers.push(cp.cholPsi.buffer as ArrayBuffer);
    }
  }
  return buffers;
}
