/**
 * worker_threads entry of a pooled sampler thread: runs a slice of the (class, chain) units of one fit
 * at a time with a LockstepRunner. Protocol (all messages are plain objects):
 *   in  { type: 'start', specs, options, resumeDiagnostics, stop } → the fit's runner (stop: a shared Int32
 *       flag; set to 1 it ends a run after the current sweep)
 *   in  { type: 'run', until, checkpoint }     → runs, then out { type: 'reports', reports }
 *   out { type: 'progress', sweep, clusterSum } after every lock-step sweep
 *   out { type: 'error', message, stack }
 *   in  { type: 'release' }                    → drops the runner (the fit's chains) and collects garbage
 *   in  { type: 'memory' }                     → out { type: 'memory', heapUsed, arrayBuffers } after a collection
 */
import { parentPort } from 'node:worker_threads';
import { type ChainDiagnostics, LockstepRunner, type UnitReport, type UnitSpec } from './lockstep.ts';
import type { FitOptions } from './options.ts';
import { releaseMemory } from './release-memory.ts';

type Message =
  | { type: 'start'; specs: UnitSpec[]; options: FitOptions; resumeDiagnostics: [number, ChainDiagnostics][]; stop: SharedArrayBuffer }
  | { type: 'run'; until: number; checkpoint: boolean }
  | { type: 'release' }
  | { type: 'memory' };

const port = parentPort!;
let fit: { runner: LockstepRunner; stop: Int32Array } | undefined;

port.on('message', (message: Message) => {
  try {
    if (message.type === 'start') {
      fit = undefined;
      fit = { runner: new LockstepRunner(message.specs, message.options, new Map(message.resumeDiagnostics)), stop: new Int32Array(message.stop) };
    } else if (message.type === 'run') {
      if (fit === undefined) return; // its start failed and was reported
      const { runner, stop } = fit;
      runner.advance(
        message.until,
        () => Atomics.load(stop, 0) !== 0,
        (sweep, clusterSum) => port.postMessage({ type: 'progress', sweep, clusterSum }),
      );
      const reports = runner.report(message.checkpoint);
      port.postMessage({ type: 'reports', reports }, transferables(reports));
    } else if (message.type === 'release') {
      fit = undefined;
      releaseMemory();
    } else if (message.type === 'memory') {
      releaseMemory();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      port.postMessage({ type: 'memory', heapUsed, arrayBuffers });
    }
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
