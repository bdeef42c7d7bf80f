/** Projects, datasets (+ classes) and architectures: small lookup tables upserted by name. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { architectures, datasetClasses, datasets, projects } from '../schema/index.ts';
import { chunk } from './upsert.ts';

/** A project row. */
export type ProjectRow = typeof projects.$inferSelect;
/** A dataset row. */
export type DatasetRow = typeof datasets.$inferSelect;
/** A dataset class row. */
export type DatasetClassRow = typeof datasetClasses.$inferSelect;
/** An architecture row. */
export type ArchitectureRow = typeof architectures.$inferSelect;

/** Returns the project named `name`, creating it if needed. */
export async function upsertProject(db: Db, name: string, description?: string): Promise<ProjectRow> {
  const [row] = await db
    .insert(projects)
    .values({ name, description })
    .onConflictDoUpdate({ target: projects.name, set: { name: sql`excluded.name` } })
    .returning();
  return row;
}

/** Returns the dataset named `name`, creating it (or raising its class count) if needed. */
export async function upsertDataset(db: Db, name: string, classCount: number): Promise<DatasetRow> {
  const [row] = await db
    .insert(datasets)
    .values({ name, classCount })
    .onConflictDoUpdate({ target: datasets.name, set: { classCount: sql`greatest(${datasets.classCount}, excluded.class_count)` } })
    .returning();
  return row;
}

/** Inserts the classes of a dataset; existing labels are renamed unless `rename` is false. */
export async function upsertDatasetClasses(
  db: Db,
  datasetId: number,
  classes: readonly { label: number; name: string }[],
  options: { rename?: boolean } = {},
): Promise<void> {
  for (const part of chunk(classes, 5000)) {
    const insert = db.insert(datasetClasses).values(part.map((c) => ({ datasetId, label: c.label, name: c.name })));
    if (options.rename === false) await insert.onConflictDoNothing({ target: [datasetClasses.datasetId, datasetClasses.label] });
    else await insert.onConflictDoUpdate({ target: [datasetClasses.datasetId, datasetClasses.label], set: { name: sql`excluded.name` } });
  }
}

/** Classes of each dataset, ordered by label (batch loader). */
export async function classesByDatasetIds(db: Db, datasetIds: readonly number[]): Promise<DatasetClassRow[]> {
  if (datasetIds.length === 0) return [];
  return db
    .select()
    .from(datasetClasses)
    .where(inArray(datasetClasses.datasetId, [...datasetIds]))
    .orderBy(asc(datasetClasses.datasetId), asc(datasetClasses.label));
}

/** Returns the architecture named `name`, creating it with `family`/`depth` if needed. */
export async function upsertArchitecture(db: Db, input: { name: string; family: string; depth?: number | null }): Promise<ArchitectureRow> {
  const [row] = await db
    .insert(architectures)
    .values({ name: input.name, family: input.family, depth: input.depth ?? null })
    .onConflictDoUpdate({ target: architectures.name, set: { name: sql`excluded.name` } })
    .returning();
  return row;
}

/** Datasets by id (batch loader). */
export async function datasetsByIds(db: Db, ids: readonly number[]): Promise<DatasetRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(datasets).where(inArray(datasets.id, [...ids]));
}

/** Architectures by id (batch loader). */
export async function architecturesByIds(db: Db, ids: readonly number[]): Promise<ArchitectureRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(architectures).where(inArray(architectures.id, [...ids]));
}

/** Projects by id (batch loader). */
export async function projectsByIds(db: Db, ids: readonly number[]): Promise<ProjectRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(projects).where(inArray(projects.id, [...ids]));
}

/** Dataset by name, or undefined. */
export async function getDatasetByName(db: Db, name: string): Promise<DatasetRow | undefined> {
  const [row] = await db.select().from(datasets).where(eq(datasets.name, name));
  return row;
}

/** Project by name, or undefined. */
export async function getProjectByName(db: Db, name: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.name, name));
  return row;
}

/** Every project, by name. */
export async function listProjects(db: Db): Promise<ProjectRow[]> {
  return db.select().from(projects).orderBy(asc(projects.name));
}
