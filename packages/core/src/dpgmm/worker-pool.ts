import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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

/** What a fit listens to while it holds a worker. */
export interface WorkerLease {
  message(message: unknown): void;
  failure(error: Error): void;
}

/** Memory of an idle worker's isolate after a full collection (bytes). */
export interface IdleWorkerMemory {
  readonly heapUsed: number;
  readonly arrayBuffers: number;
}

/** One sampler thread; `lease` is the fit using it (null while idle). */
export class PooledWorker {
  lease: WorkerLease | null = null;
  alive = true;
  /** The thread itself (the pool notices when it exits, however that happens). */
  readonly thread: Worker;
  private memoryWaiters: ((memory: IdleWorkerMemory) => void)[] = [];

  constructor(readonly id: number) {
    this.thread = new Worker(BOOTSTRAP, { eval: true, workerData: { tsxApi: TSX_API, entry: ENTRY } });
    this.thread.on('message', (message: { type: string; heapUsed?: number; arrayBuffers?: number }) => {
      if (message.type === 'memory') this.memoryWaiters.shift()?.({ heapUsed: message.heapUsed!, arrayBuffers: message.arrayBuffers! });
      else this.lease?.message(message);
    });
    this.thread.on('error', (error) => this.die(error));
    this.thread.on('exit', (code) => this.die(new Error(`fit worker ${id} exited with code ${code}`)));
  }

  post(message: unknown): void {
    this.thread.postMessage(message);
  }

  /** Idle workers do not keep the process alive. */
  setIdle(idle: boolean): void {
    if (idle) this.thread.unref();
    else this.thread.ref();
  }

  /** Asks the worker (idle) for its memory after a full collection. */
  memory(): Promise<IdleWorkerMemory> {
    return new Promise((resolve) => {
      this.memoryWaiters.push(resolve);
      this.post({ type: 'memory' });
    });
  }

  async terminate(): Promise<void> {
    this.lease = null;
    this.alive = false;
    await this.thread.terminate();
  }

  private die(error: Error): void {
    if (!this.alive) return;
    this.alive = false;
    const lease = this.lease;
    this.lease = null;
    lease?.failure(error);
  }
}

/** Options of {@link createSamplerWorkerPool}. */
export interface SamplerWorkerPoolOptions {
  /** Idle worker threads kept between fits (default: os.availableParallelism()); a fit needing more starts more. */
  readonly workers?: number;
}

/**
 * Sampler worker threads that live across fits: a thread's start (tsx registering and translating the
 * sampler's sources, compiling the wasm kernels) is paid once, not once per fit. Pass it to several
 * `fitClassDensities` calls through `hooks.workerPool`, then `dispose()` it. Which thread runs which
 * units never changes a result (each unit owns its Rng stream), so a shared pool gives the same fits.
 * Between fits a worker holds no chain state; a worker that crashed, or whose fit failed, is dropped
 * and a fresh one started when next needed.
 */
export class SamplerWorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly busy = new Set<PooledWorker>();
  private nextId = 0;
  private disposed = false;
  private readonly keep: number;

  constructor(options: SamplerWorkerPoolOptions = {}) {
    this.keep = options.workers ?? availableParallelism();
  }

  /** Threads started so far (a thread is started only when a fit needs it and none is idle). */
  get started(): number {
    return this.nextId;
  }

  /** `count` workers for one fit (idle ones first, started ones after). */
  acquire(count: number, lease: (index: number) => WorkerLease): PooledWorker[] {
    if (this.disposed) throw new Error('the sampler worker pool is disposed');
    const live = this.idle.filter((w) => w.alive);
    this.idle.length = 0;
    const workers = Array.from({ length: count }, () => live.shift() ?? new PooledWorker(this.nextId++));
    this.idle.push(...live);
    workers.forEach((worker, index) => {
      this.busy.add(worker);
      worker.setIdle(false);
      worker.lease = lease(index);
    });
    return workers;
  }

  /**
   * Hands a fit's workers back. `clean`: every worker finished its last run, so it can drop its chains
   * and wait for the next fit; otherwise (a failure, a run in flight) they are terminated.
   */
  async release(workers: readonly PooledWorker[], clean: boolean): Promise<void> {
    const ended: PooledWorker[] = [];
    for (const worker of workers) {
      this.busy.delete(worker);
      worker.lease = null;
      if (clean && worker.alive && !this.disposed && this.idle.length < this.keep) {
        worker.post({ type: 'release' });
        worker.setIdle(true);
        this.idle.push(worker);
      } else ended.push(worker);
    }
    await Promise.all(ended.map((w) => w.terminate()));
  }

  /** Memory of each idle worker after it dropped its last fit (for checks that nothing is kept). */
  idleMemory(): Promise<IdleWorkerMemory[]> {
    return Promise.all(this.idle.filter((w) => w.alive).map((w) => w.memory()));
  }

  /** Terminates every thread; a fit still running on the pool rejects. Later fits given this pool throw. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(
      all.map((worker) => {
        const lease = worker.lease;
        const ended = worker.terminate();
        lease?.failure(new Error('the sampler worker pool was disposed during the fit'));
        return ended;
      }),
    );
  }
}

/** A pool for several fits (see {@link SamplerWorkerPool}). */
export function createSamplerWorkerPool(options: SamplerWorkerPoolOptions = {}): SamplerWorkerPool {
  return new SamplerWorkerPool(options);
}
