/**
 * The servers the demo runs (the API and the dashboard), as child processes that never outlive it: each runs
 * in its own process group (so a Ctrl-C reaches it once, through the demo, and the demo decides the order), is
 * told to stop with SIGTERM and waited for — the API closes its store before the demo exits — and is
 * SIGKILLed if it does not stop in time. Should the demo itself be SIGKILLed, the API notices its parent is
 * gone (CLASSFIT_STOP_WITH_PARENT) and the dashboard is preloaded with the same watch (bin/exit-with-parent.cjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const exitWithParent = fileURLToPath(new URL('../../../bin/exit-with-parent.cjs', import.meta.url));

/** A running child server. */
export interface ChildServer {
  readonly label: string;
  readonly process: ChildProcess;
  /** Resolves when it exits, with its code or signal. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** SIGTERM to its group, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `node <args…>` as a child server (with the parent watch preloaded) in its own process group. */
export function startChildServer(
  label: string,
  args: readonly string[],
  /** `stdoutToStderr`: the child's stdout goes to our stderr (when our stdout carries a --json result). */
  options: { env?: Record<string, string>; cwd?: string; stdoutToStderr?: boolean } = {},
): ChildServer {
  const child = spawn(process.execPath, ['--require', exitWithParent, ...args], {
    cwd: options.cwd,
    env: { ...process.env, CLASSFIT_STOP_WITH_PARENT: '1', ...options.env },
    stdio: ['ignore', options.stdoutToStderr ? 2 : 'inherit', 'inherit'],
    detached: true,
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 1)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  let stopping: Promise<void> | undefined;
  return {
    label,
    process: child,
    exited,
    stop(graceMs = 15_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        signalGroup('SIGTERM');
        const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
        signalGroup('SIGKILL'); // anything it started and left behind in its group
      })();
      return stopping;
    },
  };
}
