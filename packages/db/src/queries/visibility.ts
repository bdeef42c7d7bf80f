/**
 * Which projects a read may see: every project, or a list of project ids (possibly empty). The API derives it
 * from the caller's roles; listings take it as an option and add one condition to their statement, so rows of
 * other projects are never read, counted or paged over. Datasets and architectures belong to no project: one is
 * visible when a model of a visible project uses it.
 */
import { and, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { fitRuns, models } from '../schema/index.ts';

/** The projects a read may see. */
export type ProjectVisibility = 'all' | readonly number[];

/** `column in (ids)` for a project-id column; undefined (no condition) for `'all'`, `false` for no projects. */
export function projectCondition(column: SQLWrapper, visibility: ProjectVisibility | undefined): SQL | undefined {
  if (visibility === undefined || visibility === 'all') return undefined;
  return visibility.length === 0 ? sql`false` : sql`${column} in ${[...visibility]}`;
}

/** Rows of `fit_runs` whose model is in a visible project. */
export function runVisibleCondition(visibility: ProjectVisibility | undefined): SQL | undefined {
  const inProjects = projectCondition(sql`m.project_id`, visibility);
  return inProjects && sql`${fitRuns.modelId} in (select m.id from ${models} m where ${inProjects})`;
}

/** A row whose `column` (a dataset or architecture id) is used by a model of a visible project. */
export function usedByVisibleModel(column: SQL, modelColumn: 'dataset_id' | 'architecture_id', visibility: ProjectVisibility | undefined): SQL | undefined {
  const inProjects = projectCondition(sql`m.project_id`, visibility);
  return inProjects && sql`exists (select 1 from ${models} m where m.${sql.raw(modelColumn)} = ${column} and ${inProjects})`;
}

/** Of `ids`, the datasets (or architectures) some model of a visible project uses (batch look-up). */
export async function idsUsedByVisibleModels(
  db: Db,
  kind: 'dataset' | 'architecture',
  ids: readonly number[],
  visibility: ProjectVisibility,
): Promise<Set<number>> {
  if (visibility === 'all') return new Set(ids);
  if (ids.length === 0 || visibility.length === 0) return new Set();
  const column = kind === 'dataset' ? models.datasetId : models.architectureId;
  const rows = await db
    .selectDistinct({ id: column })
    .from(models)
    .where(and(inArray(column, [...ids]), inArray(models.projectId, [...visibility])));
  return new Set(rows.map((r) => r.id));
}
