/** Layer × layer similarity of a run (CKA, Procrustes): upsert and loader. */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { layerSimilarities } from '../schema/index.ts';
import { chunk, excludedSet } from './upsert.ts';

/** One (run, layer, other layer) similarity row. */
export type LayerSimilarityRow = typeof layerSimilarities.$inferSelect;

/** Inserts or replaces the similarities of (run, layer, other layer). */
export async function upsertLayerSimilarities(db: Db, rows: readonly (typeof layerSimilarities.$inferInsert)[]): Promise<void> {
  for (const part of chunk(rows, 500)) {
    await db
      .insert(layerSimilarities)
      .values([...part])
      .onConflictDoUpdate({
        target: [layerSimilarities.runId, layerSimilarities.layerId, layerSimilarities.otherLayerId],
        set: excludedSet(layerSimilarities, ['id', 'runId', 'layerId', 'otherLayerId']),
      });
  }
}

/** Similarity rows of runs, by run, layer, other layer. */
export async function layerSimilaritiesByRunIds(db: Db, runIds: readonly number[]): Promise<LayerSimilarityRow[]> {
  if (runIds.length === 0) return [];
  return db
    .select()
    .from(layerSimilarities)
    .where(inArray(layerSimilarities.runId, [...runIds]))
    .orderBy(asc(layerSimilarities.runId), asc(layerSimilarities.layerId), asc(layerSimilarities.otherLayerId));
}
