/**
 * `createDb`: one drizzle Postgres database over either embedded PGlite or
 * node-postgres, with the committed migrations applied on open.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
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
  /** PGlite data directory; absent (and no url) = in-memory database. */
  readonly dataDir?: string;
  /** Apply migrations on open (default true). */
  readonly migrate?: boolean;
}

/** An open database: the drizzle handle, its engine, and a close function. */
export interface DbHandle {
  readonly db: Db;
  readonly engine: DbEngine;
  close(): Promise<void>;
}

/** Folder of the committed drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Opens the store: node-postgres when `url` is given, PGlite (on `dataDir`, or in memory) otherwise. */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const runMigrations = options.migrate !== false;
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 8 });
    const db = drizzleNodePg({ client: pool, schema });
    if (runMigrations) await migrateNodePg(db, { migrationsFolder });
    return { db: db as unknown as Db, engine: 'postgres', close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite({ client, schema });
  if (runMigrations) await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, engine: 'pglite', close: () => client.close() };
}
