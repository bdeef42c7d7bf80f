import { type ChainDiagnostics, LockstepRunner, type UnitReport, type UnitSpec } from './lockstep.ts';
import type { FitOptions } from './options.ts';
import type { PooledWorker, SamplerWorkerPool } from './worker-pool.ts';

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

/** One pooled worker thread per group of units. */
export class WorkerBackend implements RunnerBackend {
  private readonly workers: PooledWorker[];
  private readonly stop = new SharedArrayBuffer(4);
  private failure: Error | null = null;
  private pending: { resolve: (r: UnitReport[]) => void; reject: (e: Error) => void; reports: UnitReport[][]; left: number } | null = null;

  constructor(private readonly pool: SamplerWorkerPool, groups: UnitSpec[][], options: FitOptions, resume: Map<number, ChainDiagnostics>, onSweep: SweepListener) {
    this.workers = pool.acquire(groups.length, (index) => ({
      message: (message) => {
        const m = message as { type: string; sweep?: number; clusterSum?: number; reports?: UnitReport[]; message?: string; stack?: string };
        if (m.type === 'progress') onSweep(index, m.sweep!, m.clusterSum!);
        else if (m.type === 'reports') this.receive(index, m.reports!);
        else if (m.type === 'error') this.fail(Object.assign(new Error(`fit worker ${index}: ${m.message}`), { stack: m.stack }));
      },
      failure: (error) => this.fail(error),
    }));
    this.workers.forEach((worker, index) => {
      const units = new Set(groups[index].map((s) => s.unit));
      worker.post({ type: 'start', specs: groups[index], options, resumeDiagnostics: [...resume].filter(([unit]) => units.has(unit)), stop: this.stop });
    });
  }

  run(until: number, checkpoint: boolean): Promise<UnitReport[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, reports: [], left: this.workers.length };
      for (const worker of this.workers) worker.post({ type: 'run', until, checkpoint });
    });
  }

  requestStop(): void {
    Atomics.store(new Int32Array(this.stop), 0, 1);
  }

  /** Back to the pool when every worker is idle and sound; otherwise the fit's workers are terminated. */
  async close(): Promise<void> {
    const clean = this.failure === null && this.pending === null;
    this.pending = null;
    await this.pool.release(this.workers, clean);
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
