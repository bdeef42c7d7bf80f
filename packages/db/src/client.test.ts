import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openFreshPostgres } from './testing/test-databases.ts';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('the PostgreSQL client', () => {
  it('survives the server dropping its idle connections, and the next query reconnects', async () => {
    const handle = await openFreshPostgres(url!);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const { rows } = (await handle.db.execute(sql`SELECT current_database() AS name`)) as unknown as { rows: { name: string }[] };
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [rows[0].name]);
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
      const again = (await handle.db.execute(sql`SELECT 1 AS one`)) as unknown as { rows: { one: number }[] };
      expect(again.rows[0].one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
      await handle.close();
    }
  });
});
