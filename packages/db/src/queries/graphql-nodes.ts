/** Look-ups by primary key that only the GraphQL `node`/`classFit` fields need (batch loaders). */
import { inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { classFits, groupSplits } from '../schema/index.ts';
import type { GroupSplitRow } from './analysis-results.ts';
import type { ClassFitRow } from './class-fits.ts';

/** Class fits by id; order not guaranteed. */
export async function classFitsByIds(db: Db, ids: readonly number[]): Promise<ClassFitRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(classFits).where(inArray(classFits.id, [...ids]));
}

/** Group splits by id; order not guaranteed. */
export async function groupSplitsByIds(db: Db, ids: readonly number[]): Promise<GroupSplitRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(groupSplits).where(inArray(groupSplits.id, [...ids]));
}
