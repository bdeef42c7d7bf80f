import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAll, spawnChild } from '../testing/processes.ts';
import { openEmbeddedStore, StoreBusyError, type EmbeddedStore } from './open-embedded.ts';
import { readStoreLock } from './store-lock.ts';

const holder = fileURLToPath(new URL('./testing/hold-store.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'classfit-embedded-'));
let counter = 0;
const freshDir = () => join(scratch, `db${counter++}`);

afterEach(killAll);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function startHolder(dataDir: string, mode: 'hold' | 'write') {
  return spawnChild(process.execPath, ['--import', 'tsx', holder, dataDir, mode]);
}

/** A pid that certainly names no live process: a child that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('an embedded store shared by processes', () => {
  it('lets a second opener in through the owner, with each transaction to itself', async () => {
    const dataDir = freshDir();
    const owner = await openEmbeddedStore({ dataDir });
    const client = await openEmbeddedStore({ dataDir });
    try {
      expect(owner.access.role).toBe('owner');
      expect(client.access).toMatchObject({ role: 'client', holder: { pid: process.pid } });
      await owner.pglite!.exec('CREATE TABLE t (id integer PRIMARY KEY)');
      expect((await client.pool!.query('SELECT $1::int + 1 AS x', [41])).rows).toEqual([{ x: 42 }]);

      // An owner transaction in progress: the client's read waits for its commit and sees both rows.
      const events: string[] = [];
      let midway!: () => void;
      const inside = new Promise<void>((r) => (midway = r));
      const ownerTx = owner.pglite!.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        midway();
        await new Promise((r) => setTimeout(r, 200));
        await tx.query('INSERT INTO t VALUES (2)');
        events.push('owner commit');
      });
      await inside;
      const read = client.pool!.query('SELECT count(*)::int AS n FROM t').then((r) => {
        events.push(`client read ${r.rows[0].n}`);
      });
      await Promise.all([ownerTx, read]);
      expect(events).toEqual(['owner commit', 'client read 2']);

      // A client transaction in progress: the owner's statement runs after it, not inside it.
      const connection = await client.pool!.connect();
      await connection.query('BEGIN');
      await connection.query('INSERT INTO t VALUES (3)');
      const ownerRead = owner.pglite!.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      await new Promise((r) => setTimeout(r, 100));
      await connection.query('ROLLBACK');
      connection.release();
      expect((await ownerRead).rows[0].n).toBe(2);

      // A client that vanishes inside a transaction is rolled back and lets the others in.
      const vanishing = await client.pool!.connect();
      await vanishing.query('BEGIN');
      await vanishing.query('INSERT INTO t VALUES (4)');
      (vanishing as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      vanishing.release(true);
      expect((await owner.pglite!.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0].n).toBe(2);

      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => client.pool!.query('SELECT $1::int AS i', [i])));
      expect(answers.map((a) => a.rows[0].i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await client.close();
      await owner.close();
    }
    expect(readStoreLock(`${dataDir}.lock`)).toBeUndefined();
  });

  it('takes over a lock whose process is gone', async () => {
    const dataDir = freshDir();
    const pid = await deadPid();
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid, host: (await import('node:os')).hostname(), command: 'classfit serve', since: new Date().toISOString(), longLived: true }));
    const store = await openEmbeddedStore({ dataDir, whenHeld: 'wait', waitMs: 0 });
    try {
      expect(store.access.role).toBe('owner');
      expect(readStoreLock(`${dataDir}.lock`)).toMatchObject({ pid: process.pid });
    } finally {
      await store.close();
    }
  });

  it('another live process: `wait` stops with one line naming it, `connect` goes through it', async () => {
    const dataDir = freshDir();
    const child = startHolder(dataDir, 'hold');
    await child.waitFor(/^ready$/);
    const error = await openEmbeddedStore({ dataDir, whenHeld: 'wait', waitMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreBusyError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`pid ${child.pid} (classfit-test-holder hold, since `);
    expect(message).toContain(`kill ${child.pid}`);

    let client: EmbeddedStore | undefined = await openEmbeddedStore({ dataDir });
    try {
      expect(client.access).toMatchObject({ role: 'client', holder: { pid: child.pid } });
      expect((await client.pool!.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.close();
      client = undefined;
    }
    child.signal('SIGTERM');
    expect(await child.exited()).toBe(0);
    expect(readStoreLock(`${dataDir}.lock`)).toBeUndefined();
  });

  it('a holder SIGKILLed mid-write leaves a store that opens cleanly with whole transactions only', async () => {
    const dataDir = freshDir();
    const child = startHolder(dataDir, 'write');
    await child.waitFor(/^40$/); // forty committed pairs, more in flight
    child.signal('SIGKILL');
    await child.exited();
    const lastCommitted = Math.max(...child.output().split('\n').filter((l) => /^\d+$/.test(l)).map(Number));

    const store = await openEmbeddedStore({ dataDir, whenHeld: 'wait', waitMs: 0 });
    try {
      expect(store.access.role).toBe('owner');
      const { rows } = await store.pglite!.query<{ n: number; max: number }>('SELECT count(*)::int AS n, max(id)::int AS max FROM pairs');
      expect(rows[0].n % 2).toBe(0); // never half a transaction
      expect(rows[0].n).toBe(rows[0].max + 1); // no gaps
      expect(rows[0].n / 2).toBeGreaterThanOrEqual(lastCommitted + 1); // nothing reported committed is lost
      await store.pglite!.query('INSERT INTO pairs VALUES ($1, $2)', [rows[0].n, 'after restart']);
    } finally {
      await store.close();
    }
  });
});
