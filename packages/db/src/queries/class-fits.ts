/** Per-layer and per-class fit results of a run: idempotent upserts and batch loaders. */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { classFits, layerFits } from '../schema/index.ts';
import { chunk, excludedSet } from './upsert.ts';

/** A layer fit row. */
export type LayerFitRow = typeof layerFits.$inferSelect;
/** A class fit row. */
export type ClassFitRow = typeof classFits.$inferSelect;
/** Fields of a class fit. */
export type NewClassFit = typeof classFits.$inferInsert;
/** A (run, layer) pair. */
export interface RunLayerKey {
  readonly runId: number;
  readonly layerId: number;
}

/** Inserts or replaces the fit of one layer in a run. */
export async function upsertLayerFit(db: Db, row: typeof layerFits.$inferInsert): Promise<LayerFitRow> {
  const [out] = await db
    .insert(layerFits)
    .values(row)
    .onConflictDoUpdate({ target: [layerFits.runId, layerFits.layerId], set: excludedSet(layerFits, ['id', 'runId', 'layerId']) })
    .returning();
  return out;
}

/** Inserts or replaces class fits, keyed by (run, layer, label). */
export async function upsertClassFits(db: Db, rows: readonly NewClassFit[]): Promise<void> {
  for (const part of chunk(rows, 1000)) {
    await db
      .insert(classFits)
      .values(part)
      .onConflictDoUpdate({
        target: [classFits.runId, classFits.layerId, classFits.label],
        set: excludedSet(classFits, ['id', 'runId', 'layerId', 'label']),
      });
  }
}

/** Layer fits of the given runs, by run then layer (batch loader). */
export async function layerFitsByRunIds(db: Db, runIds: readonly number[]): Promise<LayerFitRow[]> {
  if (runIds.length === 0) return [];
  return db
    .select()
    .from(layerFits)
    .where(inArray(layerFits.runId, [...runIds]))
    .orderBy(asc(layerFits.runId), asc(layerFits.layerId));
}

/** Layer fits of the given layers across all runs (batch loader). */
export async function layerFitsByLayerIds(db: Db, layerIds: readonly number[]): Promise<LayerFitRow[]> {
  if (layerIds.length === 0) return [];
  return db
    .select()
    .from(layerFits)
    .where(inArray(layerFits.layerId, [...layerIds]))
    .orderBy(asc(layerFits.layerId), asc(layerFits.runId));
}

/** Class fits of the given layers, all runs, ordered by layer, run, label (batch loader). */
export async function classFitsByLayerIds(db: Db, layerIds: readonly number[], options: { runId?: number } = {}): Promise<ClassFitRow[]> {
  if (layerIds.length === 0) return [];
  const where = inArray(classFits.layerId, [...layerIds]);
  return db
    .select()
    .from(classFits)
    .where(options.runId === undefined ? where : and(where, eq(classFits.runId, options.runId)))
    .orderBy(asc(classFits.layerId), asc(classFits.runId), asc(classFits.label));
}

/** Class fits of the given (run, layer) pairs, ordered by label within each (batch loader). */
export async function classFitsByRunLayers(db: Db, keys: readonly RunLayerKey[]): Promise<ClassFitRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(classFits)
    .where(or(...keys.map((k) => and(eq(classFits.runId, k.runId), eq(classFits.layerId, k.layerId)))))
    .orderBy(asc(classFits.runId), asc(classFits.layerId), asc(classFits.label));
}

/** Class fits of the given runs (batch loader). */
export async function classFitsByRunIds(db: Db, runIds: readonly number[]): Promise<ClassFitRow[]> {
  if (runIds.length === 0) return [];
  return db
    .select()
    .from(classFits)
    .where(inArray(classFits.runId, [...runIds]))
    .orderBy(asc(classFits.runId), asc(classFits.layerId), asc(classFits.label));
}
