/** Least/most/random memorized subsets of a model. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { memorizationSubsets } from '../schema/index.ts';
import { excludedSet } from './upsert.ts';

/** A memorization subset row. */
export type MemorizationSubsetRow = typeof memorizationSubsets.$inferSelect;
/** Fields of a memorization subset. */
export type NewMemorizationSubset = typeof memorizationSubsets.$inferInsert;

/** Inserts or replaces subsets keyed by (model, purpose, name). */
export async function upsertMemorizationSubsets(db: Db, rows: readonly NewMemorizationSubset[]): Promise<void> {
  for (const row of rows) {
    await db
      .insert(memorizationSubsets)
      .values(row)
      .onConflictDoUpdate({
        target: [memorizationSubsets.modelId, memorizationSubsets.purpose, memorizationSubsets.name],
        set: excludedSet(memorizationSubsets, ['id', 'modelId', 'purpose', 'name']),
      });
  }
}

/** Subsets of one model, by purpose then name. */
export async function memorizationSubsetsOfModel(db: Db, modelId: number): Promise<MemorizationSubsetRow[]> {
  return db
    .select()
    .from(memorizationSubsets)
    .where(eq(memorizationSubsets.modelId, modelId))
    .orderBy(asc(memorizationSubsets.purpose), asc(memorizationSubsets.name));
}

/** Subsets of the given models (batch loader). */
export async function memorizationSubsetsByModelIds(db: Db, modelIds: readonly number[]): Promise<MemorizationSubsetRow[]> {
  if (modelIds.length === 0) return [];
  return db
    .select()
    .from(memorizationSubsets)
    .where(inArray(memorizationSubsets.modelId, [...modelIds]))
    .orderBy(asc(memorizationSubsets.modelId), asc(memorizationSubsets.purpose), asc(memorizationSubsets.name));
}
