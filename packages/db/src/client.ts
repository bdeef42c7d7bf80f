/**
 * `createDb`: one drizzle Postgres database over either embedded PGlite or
 * node-postgres, with the committed migrations applied on open.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { openEmbeddedStore, type EmbeddedStoreOptions, type StoreAccess } from './embedded/open-embedded.ts';
import * as schema from './schema.ts';

/** The schema object: tables and relations. */
export type Schema = typeof schema;
/** The drizzle database type shared by both engines; queries take this as their first argument. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; it is also a {@link Db}, so queries accept it. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Which engine backs a {@link Db}. */
export type DbEngine = 'pglite' | 'postgres';

/** Options of {@link createDb}. */
export interface CreateDbOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite is used. */
  readonly url?: string;
  /**
   * PGlite data directory; absent (and no url) = in-memory database. A data directory is opened through its
   * lock (`<dataDir>.lock`): by one process at a time, which serves it to the others (see embedded/).
   */
  readonly dataDir?: string;
  /** How to open a data directory another process holds, and what to record in its lock. */
  readonly embedded?: Omit<EmbeddedStoreOptions, 'dataDir'>;
  /** Apply migrations on open (default true). */
  readonly migrate?: boolean;
}

/** An open database: the drizzle handle, its engine, and a close function. */
export interface DbHandle {
  readonly db: Db;
  readonly engine: DbEngine;
  /** For a data directory: whether this process owns it or goes through the process that does. */
  readonly access?: StoreAccess;
  close(): Promise<void>;
}

/** Folder of the committed drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Opens the store: node-postgres when `url` is given, PGlite (on `dataDir`, or in memory) otherwise. */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const runMigrations = options.migrate !== false;
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 8 });
    // An idle connection the server drops (restart, admin termination) emits 'error' on the pool; without a
    // listener Node treats it as uncaught and the whole process dies. The pool discards that client, and the
    // next query opens a new connection (or reports the failure to its caller).
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema });
    if (runMigrations) await migrateNodePg(db, { migrationsFolder });
    return { db: db as unknown as Db, engine: 'postgres', close: () => pool.end() };
  }
  if (options.dataDir) {
    const store = await openEmbeddedStore({
      ...options.embedded,
      dataDir: options.dataDir,
      // Migrations run before the store is shared, so processes that go through it see the current schema.
      prepare: runMigrations ? (client) => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }) : undefined,
    });
    const db = store.pool ? drizzleNodePg({ client: store.pool, schema }) : drizzlePglite({ client: store.pglite!, schema });
    return { db: db as unknown as Db, engine: 'pglite', access: store.access, close: () => store.close() };
  }
  const client = new PGlite();
  const db = drizzlePglite({ client, schema });
  if (runMigrations) await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, engine: 'pglite', close: () => client.close() };
}
