/**
 * Child processes for tests that never outlive them: each is started in its own process group, and
 * {@link killAll} (call it in afterAll/afterEach) SIGKILLs every group still alive, so grandchildren
 * (e.g. a worker spawned by a spawned CLI) go too.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A started child with its output collected. */
export interface TestChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the first stdout/stderr line matching `pattern` (rejects if the child exits first or after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal name) once the child has exited. */
  exited(): Promise<number | string>;
  /** Sends `signal` to the child's whole process group. */
  signal(signal: NodeJS.Signals): void;
}

const live = new Set<TestChild>();

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Spawns `command` in a new process group, with piped output. */
export function spawnChild(command: string, args: readonly string[], options: SpawnOptions = {}): TestChild {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const pid = child.pid!;
  const handle: TestChild = {
    process: child,
    pid,
    output: () => output,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.split('\n').find((line) => pattern.test(line));
          if (match !== undefined) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exit.then((code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`exited (${code}) before printing ${pattern}; output:\n${output}`));
        });
        listeners.add(check);
        check();
      });
    },
    exited: () => exit,
    signal(signal) {
      try {
        process.kill(-pid, signal);
      } catch {
        // the group is gone
      }
    },
  };
  live.add(handle);
  void exit.then(() => {
    if (!groupAlive(pid)) live.delete(handle);
  });
  return handle;
}

/** SIGKILLs every process group started by {@link spawnChild} that is still alive, and waits for the children. */
export async function killAll(): Promise<void> {
  const children = [...live];
  live.clear();
  for (const child of children) child.signal('SIGKILL');
  await Promise.all(children.map((child) => Promise.race([child.exited(), new Promise((r) => setTimeout(r, 5000))])));
}
