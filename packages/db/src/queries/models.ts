/** Models: insert, look-up by id or name, keyset-paginated listing with filters. */
import { and, arrayContains, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { architectures, datasets, models } from '../schema/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** A model row. */
export type ModelRow = typeof models.$inferSelect;
/** Fields of a new model. */
export type NewModel = typeof models.$inferInsert;
/** A model row with its architecture and dataset names and its pagination cursor. */
export type ModelListItem = ModelRow & { architectureName: string; datasetName: string; cursor: string };

/** Sort keys of {@link listModels}; `createdAt` orders by id (identity ids follow creation order exactly). */
export type ModelOrderField = 'createdAt' | 'name' | 'accuracy';

/** Filters of {@link listModels}; all given ones must hold. */
export interface ModelFilter {
  readonly projectId?: number;
  readonly architecture?: string;
  readonly dataset?: string;
  /** The model carries every one of these tags. */
  readonly tags?: readonly string[];
  /** Case-insensitive substring of the name. */
  readonly search?: string;
  readonly ids?: readonly number[];
}

/** Options of {@link listModels}. */
export interface ListModelsOptions {
  /** Page size (default 20, clamped to 1..1000; the API caps it lower). */
  readonly first?: number;
  /** Cursor of the last item of the previous page. */
  readonly after?: string | null;
  readonly orderBy?: { field: ModelOrderField; direction: 'asc' | 'desc' };
  readonly filter?: ModelFilter;
}

/** One page of models. */
export interface ModelPage {
  readonly rows: ModelListItem[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

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

function sortExpression(field: ModelOrderField): SQL {
  if (field === 'name') return sql`${models.name}`;
  if (field === 'accuracy') return sql`coalesce(${models.accuracy}, '-Infinity'::float8)`;
  return sql`${models.id}`;
}

function sortValue(row: ModelRow, field: ModelOrderField): string | number | null {
  if (field === 'name') return row.name;
  if (field === 'accuracy') return row.accuracy ?? null;
  return row.id;
}

function filterConditions(filter: ModelFilter = {}): SQL[] {
  const conditions: SQL[] = [];
  if (filter.projectId !== undefined) conditions.push(eq(models.projectId, filter.projectId));
  if (filter.architecture !== undefined) conditions.push(eq(architectures.name, filter.architecture));
  if (filter.dataset !== undefined) conditions.push(eq(datasets.name, filter.dataset));
  if (filter.tags && filter.tags.length > 0) conditions.push(arrayContains(models.tags, [...filter.tags]));
  if (filter.search) conditions.push(ilike(models.name, `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`));
  if (filter.ids) conditions.push(filter.ids.length ? inArray(models.id, [...filter.ids]) : sql`false`);
  return conditions;
}

/** One page of models, filtered and ordered, with the total count of the filtered set. */
export async function listModels(db: Db, options: ListModelsOptions = {}): Promise<ModelPage> {
  const first = Math.max(1, Math.min(1000, options.first ?? 20));
  const { field, direction } = options.orderBy ?? { field: 'createdAt', direction: 'asc' };
  const key = sortExpression(field);
  const conditions = filterConditions(options.filter);
  const [{ total }] = await db
    .select({ total: count() })
    .from(models)
    .innerJoin(architectures, eq(models.architectureId, architectures.id))
    .innerJoin(datasets, eq(models.datasetId, datasets.id))
    .where(and(...conditions));
  const pageConditions = [...conditions];
  if (options.after) {
    const { value, id } = decodeCursor(options.after);
    const bound = field === 'accuracy' ? sql`coalesce(${value}::float8, '-Infinity'::float8)` : sql`${value}`;
    pageConditions.push(direction === 'asc' ? sql`(${key}, ${models.id}) > (${bound}, ${id})` : sql`(${key}, ${models.id}) < (${bound}, ${id})`);
  }
  const order = direction === 'asc' ? asc : desc;
  const rows = await db
    .select({ model: models, architectureName: architectures.name, datasetName: datasets.name })
    .from(models)
    .innerJoin(architectures, eq(models.architectureId, architectures.id))
    .innerJoin(datasets, eq(models.datasetId, datasets.id))
    .where(and(...pageConditions))
    .orderBy(order(key), order(models.id))
    .limit(first + 1);
  return {
    rows: rows.slice(0, first).map(({ model, architectureName, datasetName }) => ({
      ...model,
      architectureName,
      datasetName,
      cursor: encodeCursor(sortValue(model, field), model.id),
    })),
    totalCount: Number(total),
    hasNextPage: rows.length > first,
  };
}
