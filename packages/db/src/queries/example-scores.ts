/** Per-example scores of a run: bulk upsert and per-layer reads. */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { examples, exampleScores } from '../schema/index.ts';
import { chunk } from './upsert.ts';

/** An example score row. */
export type ExampleScoreRow = typeof exampleScores.$inferSelect;
/** A score joined with its example's index, label and memorization. */
export type ExampleScoreWithExample = ExampleScoreRow & { index: number; label: number; memorization: number | null };

/** Inserts or replaces example scores, keyed by (run, layer, example). */
export async function upsertExampleScores(db: Db, rows: readonly (typeof exampleScores.$inferInsert)[]): Promise<void> {
  for (const part of chunk(rows, 10_000)) {
    await db
      .insert(exampleScores)
      .values(part)
      .onConflictDoUpdate({
        target: [exampleScores.runId, exampleScores.layerId, exampleScores.exampleId],
        set: { ownLogDensity: sql`excluded.own_log_density`, predictedClass: sql`excluded.predicted_class` },
      });
  }
}

/** Scores of one (run, layer) with their examples, in example index order; optionally one class only. */
export async function exampleScoresOfLayer(db: Db, runId: number, layerId: number, options: { label?: number } = {}): Promise<ExampleScoreWithExample[]> {
  const where = and(eq(exampleScores.runId, runId), eq(exampleScores.layerId, layerId));
  return db
    .select({
      runId: exampleScores.runId,
      layerId: exampleScores.layerId,
      exampleId: exampleScores.exampleId,
      ownLogDensity: exampleScores.ownLogDensity,
      predictedClass: exampleScores.predictedClass,
      index: examples.index,
      label: examples.label,
      memorization: examples.memorization,
    })
    .from(exampleScores)
    .innerJoin(examples, eq(exampleScores.exampleId, examples.id))
    .where(options.label === undefined ? where : and(where, eq(examples.label, options.label)))
    .orderBy(asc(examples.index));
}

/** Which score {@link exampleScoresByKeys} looks up. */
export interface ExampleScoreKey {
  readonly runId: number;
  readonly layerId: number;
  readonly exampleId: number;
}

/** Scores by (run, layer, example) key (batch loader); absent keys have no row; order not guaranteed. */
export async function exampleScoresByKeys(db: Db, keys: readonly ExampleScoreKey[]): Promise<ExampleScoreRow[]> {
  if (keys.length === 0) return [];
  const groups = new Map<string, { runId: number; layerId: number; exampleIds: number[] }>();
  for (const { runId, layerId, exampleId } of keys) {
    const group = groups.get(`${runId}:${layerId}`) ?? { runId, layerId, exampleIds: [] };
    group.exampleIds.push(exampleId);
    groups.set(`${runId}:${layerId}`, group);
  }
  return db
    .select()
    .from(exampleScores)
    .where(or(...[...groups.values()].map((g) => and(eq(exampleScores.runId, g.runId), eq(exampleScores.layerId, g.layerId), inArray(exampleScores.exampleId, g.exampleIds)))));
}
