/**
 * Test helper: the engines every db test runs on. PGlite (in memory) always;
 * PostgreSQL too when `TEST_DATABASE_URL` is set, each call on a fresh random
 * database `classfit_test_<random>` that `close()` drops again.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from '../client.ts';

/** A named way to open a fresh, migrated database for one test file. */
export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<DbHandle>;
}

/** Engines to run against: `[pglite]`, plus `postgres` when `TEST_DATABASE_URL` is set. */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'pglite', open: () => createDb() }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return engines;
}

/** Creates a throw-away database on the server of `url`, migrates it, and drops it on close; `url` is its own URL (for other processes). */
export async function openFreshPostgres(url: string): Promise<DbHandle & { readonly url: string }> {
  const name = `classfit_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDb({ url: target.toString() });
  return {
    ...handle,
    url: target.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
