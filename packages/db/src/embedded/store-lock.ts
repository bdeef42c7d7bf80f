/**
 * The exclusive lock of an embedded store: a file `<dataDir>.lock` beside the PGlite data directory, created
 * with O_EXCL, holding who has the store (pid, process start time, command line, since when) and, once it is
 * ready, the socket through which other processes reach it. A lock whose process is gone (no such pid, a
 * zombie, or a pid reused by a process that started later) is stale and is taken over.
 */
import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** What the lock file says. */
export interface StoreLockInfo {
  readonly pid: number;
  /** Start time of the process (Linux: /proc/<pid>/stat field 22), to tell a reused pid from the holder. */
  readonly startTime?: string;
  readonly host: string;
  /** The holder's command line, e.g. `classfit serve --port 4000`. */
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** True for a holder that stays up (serve, demo): others should go through it rather than wait for it. */
  readonly longLived: boolean;
  /** Unix socket directory (node-postgres `host`) once the holder serves the store; absent while starting. */
  readonly socketDir?: string;
}

/** A held lock. */
export interface StoreLock {
  readonly path: string;
  readonly info: StoreLockInfo;
  /** Rewrites the lock file (atomically) with more information, e.g. the socket once it listens. */
  update(patch: Partial<Pick<StoreLockInfo, 'socketDir'>>): void;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

/** The outcome of {@link tryAcquireStoreLock}. */
export type AcquireResult = { readonly acquired: StoreLock } | { readonly heldBy: StoreLockInfo };

/** `/proc/<pid>/stat` → state and start time (Linux only; undefined elsewhere or when the process is gone). */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], startTime: fields[19] };
  } catch {
    return undefined;
  }
}

/** This process's start time, as {@link StoreLockInfo.startTime}. */
export function ownStartTime(): string | undefined {
  return procStat(process.pid)?.startTime;
}

/** Whether the process a lock names is still the one that took it. Locks from another host are presumed alive. */
export function isHolderAlive(info: StoreLockInfo): boolean {
  return isProcessAlive(info.pid, info.host, info.startTime);
}

/**
 * Whether process `pid` on `host` runs (and, given its start time, is the same process rather than a reused pid).
 * A process on another host is presumed alive.
 */
export function isProcessAlive(pid: number, host: string = hostname(), startTime?: string): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const stat = procStat(pid);
  if (!stat) return existsSync('/proc/self/stat') ? false : true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === undefined || startTime === stat.startTime;
}

/** Reads a lock file; undefined when it is absent, `'unreadable'` while it is being written (or is garbage). */
export function readStoreLock(path: string): StoreLockInfo | 'unreadable' | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = JSON.parse(text) as StoreLockInfo;
    return typeof info.pid === 'number' ? info : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** One line naming the holder, for messages. */
export function describeHolder(info: StoreLockInfo): string {
  const since = info.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `pid ${info.pid} (${info.command}, since ${since}${info.host !== hostname() ? `, on ${info.host}` : ''})`;
}

function writeAtomically(path: string, info: StoreLockInfo): void {
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(info)}\n`);
  renameSync(scratch, path);
}

/**
 * Moves a stale lock out of the way, but only if the file at `path` is still the stale one judged (another
 * process may have taken it over and written a fresh lock in between).
 */
function removeStale(path: string, stale: StoreLockInfo | 'unreadable'): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readStoreLock(aside);
  const same = stale === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.pid === stale.pid && moved.since === stale.since;
  if (!same) {
    // Someone else's fresh lock: put it back unless yet another lock appeared meanwhile.
    try {
      linkSync(aside, path);
    } catch {
      // a newer lock is in place; theirs wins
    }
  }
  unlinkSync(aside);
}

/** Tries once to take the lock, clearing a stale one first. */
export function tryAcquireStoreLock(path: string, claim: Pick<StoreLockInfo, 'command' | 'longLived'>): AcquireResult {
  for (let attempt = 0; ; attempt++) {
    const info: StoreLockInfo = {
      pid: process.pid,
      startTime: ownStartTime(),
      host: hostname(),
      command: claim.command,
      since: new Date().toISOString(),
      longLived: claim.longLived,
    };
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readStoreLock(path);
      if (held === undefined) continue; // released between our open and read
      const stale =
        held === 'unreadable'
          ? Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000 // a writer takes microseconds
          : !isHolderAlive(held);
      if (stale && attempt < 5) {
        removeStale(path, held);
        continue;
      }
      if (held === 'unreadable') return { heldBy: { pid: 0, host: hostname(), command: 'a process starting up', since: new Date().toISOString(), longLived: false } };
      return { heldBy: held };
    }
    try {
      writeSync(fd, `${JSON.stringify(info)}\n`);
    } finally {
      closeSync(fd);
    }
    let current = info;
    let released = false;
    return {
      acquired: {
        path,
        get info() {
          return current;
        },
        update(patch) {
          current = { ...current, ...patch };
          writeAtomically(path, current);
        },
        release() {
          if (released) return;
          released = true;
          const onDisk = readStoreLock(path);
          if (typeof onDisk === 'object' && onDisk.pid === process.pid && onDisk.since === current.since) unlinkSync(path);
        },
      },
    };
  }
}
