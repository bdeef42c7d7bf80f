/** The health probe of the API's `/healthz` route. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** Round-trips one trivial statement; resolves to the server's version string. */
export async function pingDatabase(db: Db): Promise<string> {
  const result = (await db.execute(sql`select version() as version`)) as unknown as { rows: { version: string }[] };
  return result.rows[0]?.version ?? 'unknown';
}
