/**
 * Models for the GraphQL `models` connection: a recursive and/or filter tree over architecture, family, dataset,
 * tags, name and latest-run status, four sort orders, keyset cursors. (The simpler `listModels` serves the CLI.)
 */
import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { architectures, datasets, fitRuns, models, type RunStatus } from '../schema/index.ts';
import { InvalidCursorError } from './errors.ts';
import type { ModelRow } from './models.ts';

/** Conditions on one text column; all given parts must hold. */
export interface TextCondition {
  readonly eq?: string | null;
  readonly in?: readonly string[] | null;
  /** Case-insensitive substring. */
  readonly contains?: string | null;
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
  /** Status of the model's most recent run (by id). */
  readonly status?: readonly RunStatus[] | null;
  readonly and?: readonly ModelFilterTree[] | null;
  readonly or?: readonly ModelFilterTree[] | null;
}

/** Sort keys of {@link pageModels}; `architecture` sorts by architecture name, then model name. */
export type ModelSortField = 'createdAt' | 'name' | 'accuracy' | 'architecture';

/** One page of {@link pageModels}. */
export interface ModelTreePage {
  readonly rows: (ModelRow & { cursor: string })[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
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
  if (filter.status != null) {
    const latest = sql`(select fr.status from ${fitRuns} fr where fr.model_id = ${models.id} order by fr.id desc limit 1)`;
    parts.push(filter.status.length ? sql`${latest} in ${[...filter.status]}` : sql`false`);
  }
  for (const child of filter.and ?? []) parts.push(modelFilterSql(child));
  if (filter.or != null) parts.push(filter.or.length ? (or(...filter.or.map(modelFilterSql)) as SQL) : sql`false`);
  return parts.length ? (and(...parts) as SQL) : sql`true`;
}

/** Sort key columns of each order, most significant first (the model id breaks ties last). */
function sortKeys(field: ModelSortField): SQL[] {
  if (field === 'name') return [sql`${models.name}`];
  if (field === 'accuracy') return [sql`coalesce(${models.accuracy}, '-Infinity'::float8)`];
  if (field === 'architecture') return [sql`${architectures.name}`, sql`${models.name}`];
  return [];
}

function sortValues(row: { model: ModelRow; architectureName: string }, field: ModelSortField): (string | number)[] {
  if (field === 'name') return [row.model.name];
  if (field === 'accuracy') return [row.model.accuracy ?? -Infinity];
  if (field === 'architecture') return [row.architectureName, row.model.name];
  return [];
}

function encode(values: (string | number)[], id: number): string {
  const safe = values.map((v) => (v === -Infinity ? '-Infinity' : v));
  return Buffer.from(JSON.stringify({ v: safe, id })).toString('base64url');
}

function decode(cursor: string, arity: number): { values: (string | number)[]; id: number } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; id?: unknown };
    if (Array.isArray(parsed.v) && parsed.v.length === arity && Number.isInteger(parsed.id)) {
      if (parsed.v.every((x) => typeof x === 'string' || typeof x === 'number')) return { values: parsed.v, id: parsed.id as number };
    }
  } catch {
    // reported below
  }
  throw new InvalidCursorError(cursor);
}

/** Options of {@link pageModels}. */
export interface PageModelsOptions {
  /** Page size ≥ 0 (the API caps it at 100). */
  readonly first: number;
  readonly after?: string | null;
  readonly orderBy: { readonly field: ModelSortField; readonly direction: 'asc' | 'desc' };
  readonly filter?: ModelFilterTree | null;
}

/** One page of models matching the filter tree, with the filtered total; two statements. */
export async function pageModels(db: Db, options: PageModelsOptions): Promise<ModelTreePage> {
  const { field, direction } = options.orderBy;
  const where = modelFilterSql(options.filter);
  const joined = () =>
    db
      .select({ model: models, architectureName: architectures.name })
      .from(models)
      .innerJoin(architectures, eq(models.architectureId, architectures.id))
      .innerJoin(datasets, eq(models.datasetId, datasets.id));
  const [{ total }] = await db
    .select({ total: count() })
    .from(models)
    .innerJoin(architectures, eq(models.architectureId, architectures.id))
    .innerJoin(datasets, eq(models.datasetId, datasets.id))
    .where(where);
  const keys = [...sortKeys(field), sql`${models.id}`];
  const conditions = [where];
  if (options.after) {
    const { values, id } = decode(options.after, keys.length - 1);
    const bound = values.map((v, i) => (field === 'accuracy' && i === 0 ? sql`${String(v)}::float8` : sql`${v}`));
    const op = direction === 'asc' ? sql`>` : sql`<`;
    conditions.push(sql`(${sql.join(keys, sql`, `)}) ${op} (${sql.join([...bound, sql`${id}`], sql`, `)})`);
  }
  const order = direction === 'asc' ? asc : desc;
  const rows = await joined()
    .where(and(...conditions))
    .orderBy(...keys.map((k) => order(k)))
    .limit(options.first + 1);
  return {
    rows: rows.slice(0, options.first).map((row) => ({ ...row.model, cursor: encode(sortValues(row, field), row.model.id) })),
    totalCount: Number(total),
    hasNextPage: rows.length > options.first,
  };
}

