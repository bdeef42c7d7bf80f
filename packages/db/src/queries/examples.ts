/** Examples of a model: bulk insert, per-class listing, and index → id maps. */
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { examples } from '../schema/index.ts';
import { chunk } from './upsert.ts';

/** An example row. */
export type ExampleRow = typeof examples.$inferSelect;
/** Fields of a new example. */
export type NewExample = typeof examples.$inferInsert;

/** Inserts (or updates labels/scores of) examples in chunks. */
export async function upsertExamples(db: Db, rows: readonly NewExample[]): Promise<void> {
  for (const part of chunk(rows, 5000)) {
    await db
      .insert(examples)
      .values(part)
      .onConflictDoUpdate({
        target: [examples.modelId, examples.split, examples.index],
        set: {
          label: sql`excluded.label`,
          memorization: sql`excluded.memorization`,
          memorizationSe: sql`excluded.memorization_se`,
          robustnessRadius: sql`excluded.robustness_radius`,
          robustnessAbstained: sql`excluded.robustness_abstained`,
          robustnessPrediction: sql`excluded.robustness_prediction`,
        },
      });
  }
}

/** Every example of a model's split, in index order (used by analyses; may be 50k rows). */
export async function examplesOfModel(db: Db, modelId: number, split: 'train' | 'test' = 'train'): Promise<ExampleRow[]> {
  return db
    .select()
    .from(examples)
    .where(and(eq(examples.modelId, modelId), eq(examples.split, split)))
    .orderBy(asc(examples.index));
}

/** The labels of a model's examples of `split` (default train), in index order: what pairing two models' rows needs. */
export async function exampleLabelsOfModel(db: Db, modelId: number, split: 'train' | 'test' = 'train'): Promise<Int32Array> {
  const rows = await db
    .select({ label: examples.label })
    .from(examples)
    .where(and(eq(examples.modelId, modelId), eq(examples.split, split)))
    .orderBy(asc(examples.index));
  return Int32Array.from(rows, (r) => r.label);
}

/** Options of {@link examplesOfClass}. */
export interface ExamplesOfClassOptions {
  readonly first?: number;
  /** Order by memorization (nulls last) instead of index. */
  readonly orderByMemorization?: 'asc' | 'desc';
}

/** Examples of one class of a model (e.g. its most memorized ones). */
export async function examplesOfClass(db: Db, modelId: number, label: number, options: ExamplesOfClassOptions = {}): Promise<ExampleRow[]> {
  const where = and(eq(examples.modelId, modelId), eq(examples.label, label), eq(examples.split, 'train'));
  const orders = options.orderByMemorization
    ? [options.orderByMemorization === 'asc' ? sql`${examples.memorization} asc nulls last` : sql`${examples.memorization} desc nulls last`, asc(examples.index)]
    : [asc(examples.index)];
  const query = db
    .select()
    .from(examples)
    .where(options.orderByMemorization ? and(where, isNotNull(examples.memorization)) : where)
    .orderBy(...orders);
  return options.first ? query.limit(options.first) : query;
}

/** Examples by id (batch loader). */
export async function examplesByIds(db: Db, ids: readonly number[]): Promise<ExampleRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(examples).where(inArray(examples.id, [...ids]));
}

/** Number of examples per class label of a model, ordered by label. */
export async function classCountsOfModel(db: Db, modelId: number): Promise<{ label: number; count: number }[]> {
  const rows = await db
    .select({ label: examples.label, count: count() })
    .from(examples)
    .where(and(eq(examples.modelId, modelId), eq(examples.split, 'train')))
    .groupBy(examples.label)
    .orderBy(asc(examples.label));
  return rows.map((r) => ({ label: r.label, count: Number(r.count) }));
}

/** Highest-memorization example indices first (helper for subset previews). */
export async function topMemorized(db: Db, modelId: number, limit: number): Promise<ExampleRow[]> {
  return db
    .select()
    .from(examples)
    .where(and(eq(examples.modelId, modelId), isNotNull(examples.memorization)))
    .orderBy(desc(examples.memorization), asc(examples.index))
    .limit(limit);
}
