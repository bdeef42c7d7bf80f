/**
 * Catalogue reads for the GraphQL layer: id-ordered pages of projects, datasets and architectures, per-parent
 * counts and look-ups by id, each a single statement so DataLoaders can batch them; the tags in use.
 */
import { and, asc, count, desc, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { architectures, datasetClasses, datasets, fitRuns, layers, models, projects } from '../schema/index.ts';
import type { ArchitectureRow, DatasetClassRow, DatasetRow, ProjectRow } from './catalog.ts';
import type { FitRunRow } from './fit-runs.ts';
import { projectCondition, usedByVisibleModel, type ProjectVisibility } from './visibility.ts';

/** One id-ordered page. */
export interface IdPage<T> {
  readonly rows: T[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

type Catalogued = typeof projects | typeof datasets | typeof architectures;

async function pageById<T>(db: Db, table: Catalogued, first: number, afterId: number | undefined, visible: SQL | undefined): Promise<IdPage<T>> {
  const [{ total }] = await db.select({ total: count() }).from(table).where(visible);
  const rows = await db
    .select()
    .from(table)
    .where(and(visible, afterId === undefined ? undefined : gt(table.id, afterId)))
    .orderBy(asc(table.id))
    .limit(first + 1);
  return { rows: rows.slice(0, first) as T[], totalCount: Number(total), hasNextPage: rows.length > first };
}

/** Visible projects in id order after `afterId`. */
export function pageProjects(db: Db, first: number, afterId?: number, visibility: ProjectVisibility = 'all'): Promise<IdPage<ProjectRow>> {
  return pageById(db, projects, first, afterId, projectCondition(sql`${projects.id}`, visibility));
}

/** Datasets in id order after `afterId`: all, or those a model of a visible project uses. */
export function pageDatasets(db: Db, first: number, afterId?: number, visibility: ProjectVisibility = 'all'): Promise<IdPage<DatasetRow>> {
  return pageById(db, datasets, first, afterId, usedByVisibleModel(sql`${datasets.id}`, 'dataset_id', visibility));
}

/** Architectures in id order after `afterId`: all, or those a model of a visible project uses. */
export function pageArchitectures(db: Db, first: number, afterId?: number, visibility: ProjectVisibility = 'all'): Promise<IdPage<ArchitectureRow>> {
  return pageById(db, architectures, first, afterId, usedByVisibleModel(sql`${architectures.id}`, 'architecture_id', visibility));
}

/** Number of layers of each model (batch loader; models without layers are absent). */
export async function layerCountsByModelIds(db: Db, modelIds: readonly number[]): Promise<{ modelId: number; count: number }[]> {
  if (modelIds.length === 0) return [];
  const rows = await db
    .select({ modelId: layers.modelId, count: count() })
    .from(layers)
    .where(inArray(layers.modelId, [...modelIds]))
    .groupBy(layers.modelId);
  return rows.map((r) => ({ modelId: r.modelId, count: Number(r.count) }));
}

/** Number of models (of visible projects) of each architecture (batch loader; architectures without models are absent). */
export async function modelCountsByArchitectureIds(db: Db, ids: readonly number[], visibility: ProjectVisibility = 'all'): Promise<{ architectureId: number; count: number }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ architectureId: models.architectureId, count: count() })
    .from(models)
    .where(and(inArray(models.architectureId, [...ids]), projectCondition(models.projectId, visibility)))
    .groupBy(models.architectureId);
  return rows.map((r) => ({ architectureId: r.architectureId, count: Number(r.count) }));
}

/** The most recent run (any status, highest id) of each model (batch loader). */
export async function latestRunsByModelIds(db: Db, modelIds: readonly number[]): Promise<FitRunRow[]> {
  if (modelIds.length === 0) return [];
  return db
    .selectDistinctOn([fitRuns.modelId])
    .from(fitRuns)
    .where(inArray(fitRuns.modelId, [...modelIds]))
    .orderBy(asc(fitRuns.modelId), desc(fitRuns.id));
}

/** Dataset classes by id (batch loader). */
export async function datasetClassesByIds(db: Db, ids: readonly number[]): Promise<DatasetClassRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(datasetClasses).where(inArray(datasetClasses.id, [...ids]));
}

/** A tag and how many models carry it. */
export interface TagCountRow {
  readonly name: string;
  readonly modelCount: number;
}

/** Every tag in use (by models of visible projects) with its number of models, by name; one statement. */
export async function tagCounts(db: Db, visibility: ProjectVisibility = 'all'): Promise<TagCountRow[]> {
  const tag = sql<string>`t.tag`;
  const rows = await db
    .select({ name: tag, modelCount: sql<number>`count(distinct ${models.id})::int` })
    .from(models)
    .innerJoin(sql`unnest(${models.tags}) as t(tag)`, sql`true`)
    .where(projectCondition(models.projectId, visibility))
    .groupBy(tag)
    .orderBy(tag);
  return rows.map((r) => ({ name: r.name, modelCount: Number(r.modelCount) }));
}
