import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ChainDiagnostics, LockstepRunner, type UnitReport, type UnitSpec } from './lockstep.ts';
import type { FitOptions } from './options.ts';

/** Where the units run: in this thread, or spread over worker threads. */
export interface RunnerBackend {
  /** Runs every unit to `until` sweeps (or until `requestStop`), then reports all units. */
  run(until: number, checkpoint: boolean): Promise<UnitReport[]>;
  /** Ends the current run after each runner's current sweep. */
  requestStop(): void;
  close(): Promise<void>;
}

/** Called after each lock-step sweep of a runner: (its sweep count, its units, their cluster total). */
export type SweepListener = (runner: number, sweep: number, clusterSum: number) => void;

/** workers = 1: the same LockstepRunner in this thread, yielding to the event loop between sweeps. */
export class InProcessBackend implements RunnerBackend {
  private readonly runner: LockstepRunner;
  private stopped = false;

  constructor(specs: UnitSpec[], options: FitOptions, resume: Map<number, ChainDiagnostics>, private readonly onSweep: SweepListener) {
    this.runner = new LockstepRunner(specs, options, resume);
  }

  async run(until: number, checkpoint: boolean): Promise<UnitReport[]> {
    while (this.runner.sweep < until && !this.stopped) {
      this.runner.step((sweep, clusterSum) => this.onSweep(0, sweep, clusterSum));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return this.runner.report(checkpoint);
  }

  requestStop(): void {
    this.stopped = true;
  }

  async close(): Promise<void> {}
}

/**
 * Worker bootstrap: the worker file is TypeScript and Node 20 does not apply
 * `--import` hooks to a worker's entry module, so a tiny eval'd script registers
 * tsx's ESM loader in the worker first, then imports the real entry.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((api) => { api.register(); return import(workerData.entry); });
`;
// The ESM build of tsx's API (the CommonJS one resolves its loader against the wrong base in a worker).
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
const ENTRY = new URL('./fit-worker.ts', import.meta.url).href;

/** One worker thread per group of units. */
export class WorkerBackend implements RunnerBackend {
  private readonly workers: Worker[];
  private readonly stop = new SharedArrayBuffer(4);
  private failure: Error | null = null;
  private pending: { resolve: (r: UnitReport[]) => void; reject: (e: Error) => void; reports: UnitReport[][]; left: number } | null = null;

  constructor(groups: UnitSpec[][], options: FitOptions, resume: Map<number, ChainDiagnostics>, onSweep: SweepListener) {
    this.workers = groups.map((specs, index) => {
      const units = new Set(specs.map((s) => s.unit));
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: {
          tsxApi: TSX_API,
          entry: ENTRY,
          specs,
          options,
          resumeDiagnostics: [...resume].filter(([unit]) => units.has(unit)),
          stop: this.stop,
        },
      });
      worker.on('message', (message: { type: string; sweep?: number; clusterSum?: number; reports?: UnitReport[]; message?: string; stack?: string }) => {
        if (message.type === 'progress') onSweep(index, message.sweep!, message.clusterSum!);
        else if (message.type === 'reports') this.receive(index, message.reports!);
        else if (message.type === 'error') this.fail(Object.assign(new Error(`fit worker ${index}: ${message.message}`), { stack: message.stack }));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`fit worker ${index} exited with code ${code}`));
      });
      return worker;
    });
  }

  run(until: number, checkpoint: boolean): Promise<UnitReport[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, reports: [], left: this.workers.length };
      for (const worker of this.workers) worker.postMessage({ type: 'run', until, checkpoint });
    });
  }

  requestStop(): void {
    Atomics.store(new Int32Array(this.stop), 0, 1);
  }

  async close(): Promise<void> {
    this.pending = null;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private receive(index: number, reports: UnitReport[]): void {
    const pending = this.pending;
    if (!pending) return;
    pending.reports[index] = reports;
    if (--pending.left === 0) {
      this.pending = null;
      pending.resolve(pending.reports.flat());
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}
