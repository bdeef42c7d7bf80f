/**
 * Models for the GraphQL `models` connection: a recursive and/or filter tree over architecture, family, dataset,
 * tags, name, accuracy and latest-run status, eight sort orders, keyset cursors both ways.
 */
import { and, count, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { architectures, datasets, fitRuns, layers, models, type RunStatus } from '../schema/index.ts';
import { encodeKeyset, keysetCondition, keysetOrder, keysetPage, keysetScan, keysetTexts, type KeysetWindow, type SortKey } from './keyset.ts';
import type { ModelRow } from './models.ts';
import { projectCondition, type ProjectVisibility } from './visibility.ts';

/** Conditions on one text column; all given parts must hold. */
export interface TextCondition {
  readonly eq?: string | null;
  readonly in?: readonly string[] | null;
  /** Case-insensitive substring. */
  readonly contains?: string | null;
}

/** Inclusive bounds on a number; all given bounds must hold. */
export interface RangeCondition {
  readonly gte?: number | null;
  readonly lte?: number | null;
}

/** A node of the filter tree: its own conditions, all of `and`, and at least one of `or`. */
export interface ModelFilterTree {
  readonly projectId?: number;
  readonly architecture?: TextCondition | null;
  readonly family?: TextCondition | null;
  readonly dataset?: TextCondition | null;
  /** Matches when any tag satisfies the condition. */
  readonly tag?: TextCondition | null;
  readonly name?: TextCondition | null;
  /** Test accuracy within bounds (inclusive); models without an accuracy never match. */
  readonly accuracy?: RangeCondition | null;
  /** Status of the model's most recent run (by id). */
  readonly status?: readonly RunStatus[] | null;
  readonly and?: readonly ModelFilterTree[] | null;
  readonly or?: readonly ModelFilterTree[] | null;
}

/**
 * Sort keys of {@link pageModels}; `architecture`/`dataset` sort by that name, then model name; `status` by the latest
 * run's place in the lifecycle (none, queued, running, succeeded, failed, cancelled); `createdAt` by id (insertion order).
 */
export type ModelSortField = 'createdAt' | 'name' | 'accuracy' | 'architecture' | 'dataset' | 'layerCount' | 'classCount' | 'status';

/** One page of {@link pageModels}. */
export interface ModelTreePage {
  readonly rows: (ModelRow & { cursor: string })[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

function textCondition(column: SQL, condition: TextCondition | null | undefined): SQL[] {
  if (!condition) return [];
  const out: SQL[] = [];
  if (condition.eq != null) out.push(sql`${column} = ${condition.eq}`);
  if (condition.in != null) out.push(condition.in.length ? sql`${column} in ${[...condition.in]}` : sql`false`);
  if (condition.contains != null) out.push(sql`${column} ilike ${likePattern(condition.contains)}`);
  return out;
}

function tagCondition(condition: TextCondition | null | undefined): SQL[] {
  if (!condition) return [];
  const tag = sql`t.tag`;
  const parts = textCondition(tag, condition);
  if (parts.length === 0) return [];
  return [sql`exists (select 1 from unnest(${models.tags}) as t(tag) where ${and(...parts)})`];
}

/** The filter tree as one SQL condition over `models ⋈ architectures ⋈ datasets` (true when empty). */
export function modelFilterSql(filter: ModelFilterTree | null | undefined): SQL {
  if (!filter) return sql`true`;
  const parts: SQL[] = [];
  if (filter.projectId !== undefined) parts.push(eq(models.projectId, filter.projectId));
  parts.push(...textCondition(sql`${architectures.name}`, filter.architecture));
  parts.push(...textCondition(sql`${architectures.family}`, filter.family));
  parts.push(...textCondition(sql`${datasets.name}`, filter.dataset));
  parts.push(...textCondition(sql`${models.name}`, filter.name));
  parts.push(...tagCondition(filter.tag));
  if (filter.accuracy?.gte != null) parts.push(sql`${models.accuracy} >= ${filter.accuracy.gte}`);
  if (filter.accuracy?.lte != null) parts.push(sql`${models.accuracy} <= ${filter.accuracy.lte}`);
  if (filter.status != null) {
    const latest = sql`(select fr.status from ${fitRuns} fr where fr.model_id = ${models.id} order by fr.id desc limit 1)`;
    parts.push(filter.status.length ? sql`${latest} in ${[...filter.status]}` : sql`false`);
  }
  for (const child of filter.and ?? []) parts.push(modelFilterSql(child));
  if (filter.or != null) parts.push(filter.or.length ? (or(...filter.or.map(modelFilterSql)) as SQL) : sql`false`);
  return parts.length ? (and(...parts) as SQL) : sql`true`;
}

/** The latest run's status as its place in the lifecycle (0 = never analysed), so the order reads as progress. */
const statusRank = sql`coalesce((select case fr.status when 'queued' then 1 when 'running' then 2 when 'succeeded' then 3 when 'failed' then 4 else 5 end
  from ${fitRuns} fr where fr.model_id = ${models.id} order by fr.id desc limit 1), 0)`;

/** Sort keys of each order, most significant first (the model id breaks ties last); none may be null. */
function sortKeys(field: ModelSortField): SortKey[] {
  const name: SortKey = { expr: sql`${models.name}`, type: 'text' };
  switch (field) {
    case 'name':
      return [name];
    case 'accuracy':
      return [{ expr: sql`coalesce(${models.accuracy}, '-Infinity'::float8)`, type: 'float8' }];
    case 'architecture':
      return [{ expr: sql`${architectures.name}`, type: 'text' }, name];
    case 'dataset':
      return [{ expr: sql`${datasets.name}`, type: 'text' }, name];
    case 'layerCount':
      return [{ expr: sql`(select count(*)::int4 from ${layers} l where l.model_id = ${models.id})`, type: 'int4' }];
    case 'classCount':
      return [{ expr: sql`${datasets.classCount}`, type: 'int4' }];
    case 'status':
      return [{ expr: statusRank, type: 'int4' }];
    case 'createdAt':
      return [];
  }
}

/** Options of {@link pageModels}: a forwards or backwards window (size ≥ 0; the API caps it at 100), order, filter. */
export type PageModelsOptions = KeysetWindow & {
  readonly orderBy: { readonly field: ModelSortField; readonly direction: 'asc' | 'desc' };
  readonly filter?: ModelFilterTree | null;
  /** Only models of these projects (default all); unlike the filter, not the caller's to choose. */
  readonly visibility?: ProjectVisibility;
};

/** One page of models matching the filter tree, in list order, with the filtered total; two statements. */
export async function pageModels(db: Db, options: PageModelsOptions): Promise<ModelTreePage> {
  const { field, direction } = options.orderBy;
  const where = and(projectCondition(models.projectId, options.visibility), modelFilterSql(options.filter)) as SQL;
  const [{ total }] = await db
    .select({ total: count() })
    .from(models)
    .innerJoin(architectures, eq(models.architectureId, architectures.id))
    .innerJoin(datasets, eq(models.datasetId, datasets.id))
    .where(where);
  const keys = sortKeys(field);
  const id = sql`${models.id}`;
  const scan = keysetScan(options, direction);
  const rows = await db
    .select({ model: models, keys: sql<string[]>`array[${sql.join([...keysetTexts(keys), sql`''`], sql`, `)}]` })
    .from(models)
    .innerJoin(architectures, eq(models.architectureId, architectures.id))
    .innerJoin(datasets, eq(models.datasetId, datasets.id))
    .where(and(where, keysetCondition(keys, id, scan)))
    .orderBy(...keysetOrder(keys, id, scan))
    .limit(scan.limit + 1);
  const page = keysetPage(rows, scan);
  return {
    rows: page.rows.map((row) => ({ ...row.model, cursor: encodeKeyset(row.keys.slice(0, keys.length), row.model.id) })),
    totalCount: Number(total),
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
  };
}
