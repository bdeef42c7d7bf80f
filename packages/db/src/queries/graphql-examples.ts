/**
 * Paged examples of a model and paged example scores of a (run, layer), filtered and ordered for the GraphQL
 * connections, with keyset cursors over (sort value, index).
 */
import { and, asc, count, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { examples, exampleScores } from '../schema/index.ts';
import { InvalidCursorError } from './errors.ts';
import type { ExampleRow } from './examples.ts';

/** Cursor over (sortValue, tie-breaker): base64url JSON `[value, tie]`; value null sorts last. */
function encode(value: number | null, tie: number): string {
  return Buffer.from(JSON.stringify([value, tie])).toString('base64url');
}

function decode(cursor: string): { value: number | null; tie: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && Number.isInteger(parsed[1]) && (parsed[0] === null || typeof parsed[0] === 'number')) {
      return { value: parsed[0] as number | null, tie: parsed[1] as number };
    }
  } catch {
    // reported below
  }
  throw new InvalidCursorError(cursor);
}

/** Keyset condition "after (value, tie)" for an ordering by `key` (nulls last in both directions), then `tie` ascending. */
function afterCondition(key: SQL, tieColumn: SQL, direction: 'asc' | 'desc', cursor: string): SQL {
  const { value, tie } = decode(cursor);
  if (value === null) return sql`(${key} is null and ${tieColumn} > ${tie})`;
  const beyond = direction === 'asc' ? sql`${key} > ${value}` : sql`${key} < ${value}`;
  return sql`(${beyond} or ${key} is null or (${key} = ${value} and ${tieColumn} > ${tie}))`;
}

function orderClauses(key: SQL, tieColumn: SQL, direction: 'asc' | 'desc'): SQL[] {
  return [direction === 'asc' ? sql`${key} asc nulls last` : sql`${key} desc nulls last`, asc(tieColumn)];
}

/** One page with its filtered total. */
export interface KeysetPage<T> {
  readonly rows: (T & { cursor: string })[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

/** Options of {@link pageExamples}. */
export interface PageExamplesOptions {
  readonly first: number;
  readonly after?: string | null;
  readonly labels?: readonly number[] | null;
  readonly split?: 'train' | 'test' | null;
  readonly memorization?: { readonly gte?: number | null; readonly lte?: number | null } | null;
  readonly orderBy: { readonly field: 'index' | 'memorization'; readonly direction: 'asc' | 'desc' };
}

/** A page of a model's examples. */
export async function pageExamples(db: Db, modelId: number, options: PageExamplesOptions): Promise<KeysetPage<ExampleRow>> {
  const where: SQL[] = [eq(examples.modelId, modelId)];
  if (options.labels != null) where.push(options.labels.length ? inArray(examples.label, [...options.labels]) : sql`false`);
  if (options.split != null) where.push(eq(examples.split, options.split));
  if (options.memorization?.gte != null) where.push(gte(examples.memorization, options.memorization.gte));
  if (options.memorization?.lte != null) where.push(lte(examples.memorization, options.memorization.lte));
  const [{ total }] = await db.select({ total: count() }).from(examples).where(and(...where));
  const { field, direction } = options.orderBy;
  const key = field === 'memorization' ? sql`${examples.memorization}` : sql`${examples.index}`;
  const tie = sql`${examples.id}`;
  const page = options.after ? [...where, afterCondition(key, tie, direction, options.after)] : where;
  const rows = await db
    .select()
    .from(examples)
    .where(and(...page))
    .orderBy(...orderClauses(key, tie, direction))
    .limit(options.first + 1);
  return {
    rows: rows.slice(0, options.first).map((row) => ({ ...row, cursor: encode(field === 'memorization' ? row.memorization : row.index, row.id) })),
    totalCount: Number(total),
    hasNextPage: rows.length > options.first,
  };
}

/** A score with its example's index and label. */
export interface ScoredExample {
  readonly exampleId: number;
  readonly index: number;
  readonly label: number;
  readonly ownLogDensity: number;
  readonly predictedClass: number | null;
}

/** Options of {@link pageExampleScores}. */
export interface PageExampleScoresOptions {
  readonly first: number;
  readonly after?: string | null;
  readonly labels?: readonly number[] | null;
  readonly orderBy: { readonly field: 'index' | 'logDensity'; readonly direction: 'asc' | 'desc' };
}

/** A page of one (run, layer)'s example scores. */
export async function pageExampleScores(db: Db, runId: number, layerId: number, options: PageExampleScoresOptions): Promise<KeysetPage<ScoredExample>> {
  const where: SQL[] = [eq(exampleScores.runId, runId), eq(exampleScores.layerId, layerId)];
  if (options.labels != null) where.push(options.labels.length ? inArray(examples.label, [...options.labels]) : sql`false`);
  const [{ total }] = await db
    .select({ total: count() })
    .from(exampleScores)
    .innerJoin(examples, eq(exampleScores.exampleId, examples.id))
    .where(and(...where));
  const { field, direction } = options.orderBy;
  const key = field === 'logDensity' ? sql`${exampleScores.ownLogDensity}` : sql`${examples.index}`;
  const tie = sql`${examples.id}`;
  const page = options.after ? [...where, afterCondition(key, tie, direction, options.after)] : where;
  const rows = await db
    .select({
      exampleId: exampleScores.exampleId,
      index: examples.index,
      label: examples.label,
      ownLogDensity: exampleScores.ownLogDensity,
      predictedClass: exampleScores.predictedClass,
    })
    .from(exampleScores)
    .innerJoin(examples, eq(exampleScores.exampleId, examples.id))
    .where(and(...page))
    .orderBy(...orderClauses(key, tie, direction))
    .limit(options.first + 1);
  return {
    rows: rows.slice(0, options.first).map((row) => ({
      ...row,
      cursor: encode(field === 'logDensity' ? row.ownLogDensity : row.index, row.exampleId),
    })),
    totalCount: Number(total),
    hasNextPage: rows.length > options.first,
  };
}
