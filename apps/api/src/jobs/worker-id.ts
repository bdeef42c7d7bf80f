/**
 * Worker ids, `host:pid:random` (the job runner's and the pg-boss worker's), and whether the process an id names is
 * gone — the one case where a run a dead worker held can be handed back at once instead of after its heartbeat goes stale.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { isProcessAlive } from '@classfit/db';

/** A fresh id for a worker in this process. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** True when `workerId` names a process on this host that has ended; false when it runs, is elsewhere, or the id is not ours. */
export function workerProcessGone(workerId: string): boolean {
  const match = /^(.+):(\d+):[0-9a-f]+$/.exec(workerId);
  return match !== null && match[1] === hostname() && !isProcessAlive(Number(match[2]));
}
