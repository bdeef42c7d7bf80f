/** Layer-level analysis results of a run (group splits, genclass, KL, density bins): upserts and loaders. */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { densityBins, genclassResults, groupSplits, klMatrices } from '../schema/index.ts';
import { chunk, excludedSet } from './upsert.ts';

/** A group split row. */
export type GroupSplitRow = typeof groupSplits.$inferSelect;
/** A generative classification row. */
export type GenclassResultRow = typeof genclassResults.$inferSelect;
/** A KL matrix row. */
export type KlMatrixRow = typeof klMatrices.$inferSelect;
/** A density bin row. */
export type DensityBinRow = typeof densityBins.$inferSelect;

/** Inserts or replaces the group split of (run, layer). */
export async function upsertGroupSplits(db: Db, rows: readonly (typeof groupSplits.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(groupSplits)
    .values([...rows])
    .onConflictDoUpdate({ target: [groupSplits.runId, groupSplits.layerId], set: excludedSet(groupSplits, ['id', 'runId', 'layerId']) });
}

/** Inserts or replaces genclass results of (run, layer, subset). */
export async function upsertGenclassResults(db: Db, rows: readonly (typeof genclassResults.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(genclassResults)
    .values([...rows])
    .onConflictDoUpdate({
      target: [genclassResults.runId, genclassResults.layerId, genclassResults.subset],
      set: excludedSet(genclassResults, ['id', 'runId', 'layerId', 'subset']),
    });
}

/** Inserts or replaces KL matrices of (run, layer, subset). */
export async function upsertKlMatrices(db: Db, rows: readonly (typeof klMatrices.$inferInsert)[]): Promise<void> {
  for (const row of rows) {
    await db
      .insert(klMatrices)
      .values(row)
      .onConflictDoUpdate({
        target: [klMatrices.runId, klMatrices.layerId, klMatrices.subset],
        set: excludedSet(klMatrices, ['id', 'runId', 'layerId', 'subset']),
      });
  }
}

/** Inserts or replaces density bins of (run, layer, bin). */
export async function upsertDensityBins(db: Db, rows: readonly (typeof densityBins.$inferInsert)[]): Promise<void> {
  for (const part of chunk(rows, 5000)) {
    await db
      .insert(densityBins)
      .values(part)
      .onConflictDoUpdate({ target: [densityBins.runId, densityBins.layerId, densityBins.bin], set: excludedSet(densityBins, ['id', 'runId', 'layerId', 'bin']) });
  }
}

/** Group splits of the given runs (batch loader). */
export async function groupSplitsByRunIds(db: Db, runIds: readonly number[]): Promise<GroupSplitRow[]> {
  if (runIds.length === 0) return [];
  return db.select().from(groupSplits).where(inArray(groupSplits.runId, [...runIds])).orderBy(asc(groupSplits.runId), asc(groupSplits.layerId));
}

/** Genclass results of the given runs (batch loader). */
export async function genclassResultsByRunIds(db: Db, runIds: readonly number[]): Promise<GenclassResultRow[]> {
  if (runIds.length === 0) return [];
  return db
    .select()
    .from(genclassResults)
    .where(inArray(genclassResults.runId, [...runIds]))
    .orderBy(asc(genclassResults.runId), asc(genclassResults.layerId), asc(genclassResults.subset));
}

/** KL matrices of the given runs (batch loader). */
export async function klMatricesByRunIds(db: Db, runIds: readonly number[]): Promise<KlMatrixRow[]> {
  if (runIds.length === 0) return [];
  return db
    .select()
    .from(klMatrices)
    .where(inArray(klMatrices.runId, [...runIds]))
    .orderBy(asc(klMatrices.runId), asc(klMatrices.layerId), asc(klMatrices.subset));
}

/** Density bins of the given runs, in bin order (batch loader). */
export async function densityBinsByRunIds(db: Db, runIds: readonly number[]): Promise<DensityBinRow[]> {
  if (runIds.length === 0) return [];
  return db
    .select()
    .from(densityBins)
    .where(inArray(densityBins.runId, [...runIds]))
    .orderBy(asc(densityBins.runId), asc(densityBins.layerId), asc(densityBins.bin));
}
