/**
 * How a `classfit` process is asked to stop: SIGINT (Ctrl-C), SIGTERM, SIGHUP — and the death of its parent
 * when it was started through npm (`npx classfit …`, `npm run demo`) or by the demo: npm runs the command
 * through `sh -c` and passes a signal only to that shell, so `kill <npx pid>` would otherwise leave the real
 * process running, orphaned. A dead parent is turned into a SIGTERM to this process.
 *
 * A command that must shut down cleanly (close its server, hand its job back with a checkpoint, close the
 * store) registers with {@link onStopRequest}; without a registered handler a signal ends the process as
 * usual. A second signal at least a second after the first forces the exit.
 */
import { getEnv } from '../env.ts';

type StopHandler = (signal: NodeJS.Signals) => void;

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const handlers = new Set<StopHandler>();
let firstSignalAt: number | undefined;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  if (firstSignalAt !== undefined) {
    if (Date.now() - firstSignalAt < 1000) return; // the same stop, delivered twice (terminal and parent)
    process.stderr.write(`\nclassfit: ${signal} again: stopping now\n`);
    process.exit(130);
  }
  firstSignalAt = Date.now();
  for (const handler of [...handlers]) handler(signal);
}

function syncListeners(): void {
  for (const signal of STOP_SIGNALS) {
    process.off(signal, onSignal);
    if (handlers.size > 0) process.on(signal, onSignal);
  }
}

/** Watches the parent process when that is asked for (see the module comment). Called once by the CLI entry. */
export function installParentWatch(pollMs = 500): void {
  if (installed) return;
  installed = true;
  const env = getEnv();
  if (!env.CLASSFIT_STOP_WITH_PARENT && env.npm_command === undefined) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, pollMs);
  timer.unref();
}

/** Calls `handler` once on the first stop request; returns a function that unregisters it. */
export function onStopRequest(handler: StopHandler): () => void {
  let called = false;
  const once: StopHandler = (signal) => {
    if (called) return;
    called = true;
    handler(signal);
  };
  handlers.add(once);
  syncListeners();
  return () => {
    handlers.delete(once);
    syncListeners();
  };
}

/** Resolves with the signal of the first stop request. */
export function stopRequested(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    onStopRequest(resolve);
  });
}
