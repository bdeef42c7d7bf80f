/**
 * A small semaphore for the CPU-heavy fitted-density work (logDensity, classify, sampleClass): at most
 * `concurrency` run at once, up to `maxWaiting` wait in order (each at most `maxWaitMs`), and anything past that
 * is refused with {@link ServerBusyError} instead of piling up memory and clients that wait for minutes. Work inside yields to the event loop between slices
 * (fitted-density.ts), so small queries keep answering while one heavy request runs.
 */
import { ServerBusyError } from '../errors.ts';

/** What the gate is doing now (for tests and /healthz-like reports). */
export interface WorkGateState {
  readonly running: number;
  readonly waiting: number;
}

export interface WorkGate {
  /** Runs `work` when a slot is free; rejects with ServerBusyError when the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T>;
  state(): WorkGateState;
}

export interface WorkGateOptions {
  /** Work items at once (default 1: scoring saturates a core, and the API shares the machine with its worker). */
  readonly concurrency?: number;
  /** Items allowed to wait (default 8). */
  readonly maxWaiting?: number;
  /** How long one may wait for its turn before it is refused (default 60 s). */
  readonly maxWaitMs?: number;
}

export function createWorkGate(options: WorkGateOptions = {}): WorkGate {
  const concurrency = options.concurrency ?? 1;
  const maxWaiting = options.maxWaiting ?? 8;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  let running = 0;
  const waiting: (() => void)[] = [];
  const busy = () => new ServerBusyError(`the server is busy scoring (${running} running, ${waiting.length} waiting); try again shortly`);
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return {
    async run(work) {
      if (running >= concurrency) {
        if (waiting.length >= maxWaiting) throw busy();
        await new Promise<void>((resolve, reject) => {
          const turn = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            waiting.splice(waiting.indexOf(turn), 1);
            reject(busy());
          }, maxWaitMs);
          waiting.push(turn);
        });
      } else {
        running++;
      }
      try {
        return await work();
      } finally {
        release();
      }
    },
    state: () => ({ running, waiting: waiting.length }),
  };
}

/** The process's gate, shared by every request (and export route) of one server. */
export const sharedScoringGate: WorkGate = createWorkGate();
