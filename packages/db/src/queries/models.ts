/** Models: insert, look-up by id or name, update, delete. (Filtered, paginated listing: `pageModels`.) */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { models } from '../schema/index.ts';

/** A model row. */
export type ModelRow = typeof models.$inferSelect;
/** Fields of a new model. */
export type NewModel = typeof models.$inferInsert;
/** Inserts a model and returns it. */
export async function insertModel(db: Db, model: NewModel): Promise<ModelRow> {
  const [row] = await db.insert(models).values(model).returning();
  return row;
}

/** A model by id, or undefined. */
export async function getModel(db: Db, id: number): Promise<ModelRow | undefined> {
  const [row] = await db.select().from(models).where(eq(models.id, id));
  return row;
}

/** A model by name, or undefined. */
export async function getModelByName(db: Db, name: string): Promise<ModelRow | undefined> {
  const [row] = await db.select().from(models).where(eq(models.name, name));
  return row;
}

/** A model by numeric id (given as digits) or by name. */
export async function findModel(db: Db, idOrName: string): Promise<ModelRow | undefined> {
  if (/^\d+$/.test(idOrName)) {
    const byId = await getModel(db, Number(idOrName));
    if (byId) return byId;
  }
  return getModelByName(db, idOrName);
}

/** Models by id (batch loader); order not guaranteed. */
export async function modelsByIds(db: Db, ids: readonly number[]): Promise<ModelRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(models).where(inArray(models.id, [...ids]));
}

/** Updates a model's editable fields. */
export async function updateModel(db: Db, id: number, patch: Partial<Pick<NewModel, 'name' | 'accuracy' | 'tags' | 'notes' | 'seed'>>): Promise<ModelRow | undefined> {
  const [row] = await db.update(models).set(patch).where(eq(models.id, id)).returning();
  return row;
}

/** Deletes a model (cascades to its layers, examples, runs and results). */
export async function deleteModel(db: Db, id: number): Promise<boolean> {
  const rows = await db.delete(models).where(eq(models.id, id)).returning({ id: models.id });
  return rows.length > 0;
}
