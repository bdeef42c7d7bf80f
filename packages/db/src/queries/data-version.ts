/** The store's data version (schema/data-version.ts): moves on with every committed change, from any process. */
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { dataVersion } from '../schema/index.ts';

/**
 * The current data version, as a decimal string. Read it before reading what a cache will keep: whatever is read
 * after it is at least that new, and a later request that reads the same version sees no change since.
 */
export async function readDataVersion(db: Db): Promise<string> {
  const [row] = await db.select({ version: dataVersion.version }).from(dataVersion).where(eq(dataVersion.id, 1));
  if (!row) throw new Error('data_version has no row: the store was not migrated by classfit (migration 0011_data_version)');
  return row.version.toString();
}
