import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * One row: a counter every committed change of the stored data moves on (migration 0011: a deferred trigger on
 * every other table adds 1 once per writing transaction, at its commit). Any process — `classfit serve`, a worker,
 * the CLI — writes through these triggers, so a server that saw the same version twice knows nothing it may have
 * cached changed in between (read results, authenticated tokens). Only the `last_used_at` stamp of `api_tokens`
 * does not count as a change.
 */
export const dataVersion = pgTable(
  'data_version',
  {
    id: integer('id').primaryKey(),
    version: bigint('version', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [check('data_version_one_row_ck', sql`${t.id} = 1`)],
);
