/** Layers of models: bulk insert, batch loaders, and recording the SVD reduction. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { layers, type SvdSummary } from '../schema/index.ts';

/** A layer row. */
export type LayerRow = typeof layers.$inferSelect;
/** Fields of a new layer. */
export type NewLayer = typeof layers.$inferInsert;

/** Inserts layers and returns them in index order. */
export async function insertLayers(db: Db, rows: readonly NewLayer[]): Promise<LayerRow[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(layers).values([...rows]).returning();
  return inserted.sort((a, b) => a.modelId - b.modelId || a.index - b.index);
}

/** Layers of the given models, ordered by model then index (batch loader). */
export async function layersByModelIds(db: Db, modelIds: readonly number[]): Promise<LayerRow[]> {
  if (modelIds.length === 0) return [];
  return db
    .select()
    .from(layers)
    .where(inArray(layers.modelId, [...modelIds]))
    .orderBy(asc(layers.modelId), asc(layers.index));
}

/** Layers by id (batch loader); order not guaranteed. */
export async function layersByIds(db: Db, ids: readonly number[]): Promise<LayerRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(layers).where(inArray(layers.id, [...ids]));
}

/** Records the reduction last applied to a layer (reduced dim, SVD summary, projection artifact). */
export async function setLayerReduction(
  db: Db,
  layerId: number,
  reduction: { reducedDim: number; svdSummary: SvdSummary; projectionArtifact: string },
): Promise<void> {
  await db.update(layers).set(reduction).where(eq(layers.id, layerId));
}
