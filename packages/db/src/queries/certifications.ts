/**
 * Certified robustness (METHOD.md H.4): the settings record of a model's certification, per-example
 * results (radius, abstention, smoothed prediction), and certified examples located in density bins.
 */
import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { certifications, examples, exampleScores } from '../schema/index.ts';
import { chunk, excludedSet } from './upsert.ts';

/** A certification settings row. */
export type CertificationRow = typeof certifications.$inferSelect;
/** Fields of a certification settings row. */
export type NewCertification = typeof certifications.$inferInsert;

/** One example's CERTIFY answer, by example row id. */
export interface ExampleRobustness {
  readonly exampleId: number;
  /** Certified ℓ2 radius, 0 when abstaining. */
  readonly radius: number;
  readonly abstained: boolean;
  /** Smoothed prediction c_A, −1 when abstaining. */
  readonly prediction: number;
}

/** A certified example with its 0-based rank in one (run, layer)'s own-class log-density order. */
export interface RankedCertifiedExample {
  readonly exampleId: number;
  readonly index: number;
  readonly label: number;
  /** Position in the ascending (log-density, example index) order of every scored example of the layer. */
  readonly rank: number;
  readonly radius: number;
  readonly abstained: boolean;
  readonly prediction: number;
}

/** Inserts or replaces the certification settings of a model (one row per model). */
export async function upsertCertification(db: Db, row: NewCertification): Promise<CertificationRow> {
  const [saved] = await db
    .insert(certifications)
    .values(row)
    .onConflictDoUpdate({ target: certifications.modelId, set: { ...excludedSet(certifications, ['id', 'modelId']), createdAt: sql`now()` } })
    .returning();
  return saved;
}

/** The certification settings of a model, or undefined when it was never certified. */
export async function certificationOfModel(db: Db, modelId: number): Promise<CertificationRow | undefined> {
  const [row] = await db.select().from(certifications).where(eq(certifications.modelId, modelId));
  return row;
}

/** Certification settings of the given models (batch loader). */
export async function certificationsByModelIds(db: Db, modelIds: readonly number[]): Promise<CertificationRow[]> {
  if (modelIds.length === 0) return [];
  return db.select().from(certifications).where(inArray(certifications.modelId, [...modelIds])).orderBy(asc(certifications.modelId));
}

/** Writes per-example results (one statement per 5,000 examples); other examples keep theirs. */
export async function setExampleRobustness(db: Db, rows: readonly ExampleRobustness[]): Promise<void> {
  for (const part of chunk(rows, 5000)) {
    const values = sql.join(
      part.map((r) => sql`(${r.exampleId}::integer, ${r.radius}::double precision, ${r.abstained}::boolean, ${r.prediction}::integer)`),
      sql`, `,
    );
    await db.execute(sql`
      update ${examples} set
        robustness_radius = v.radius, robustness_abstained = v.abstained, robustness_prediction = v.prediction
      from (values ${values}) as v(id, radius, abstained, prediction)
      where ${examples.id} = v.id`);
  }
}

/** Clears every per-example result of a model (before certifying it with other settings). */
export async function clearExampleRobustness(db: Db, modelId: number): Promise<void> {
  await db
    .update(examples)
    .set({ robustnessRadius: null, robustnessAbstained: null, robustnessPrediction: null })
    .where(and(eq(examples.modelId, modelId), isNotNull(examples.robustnessRadius)));
}

/** Number of examples of a model with a stored certificate. */
export async function certifiedExampleCount(db: Db, modelId: number): Promise<number> {
  const [row] = await db.select({ count: count() }).from(examples).where(and(eq(examples.modelId, modelId), isNotNull(examples.robustnessRadius)));
  return Number(row?.count ?? 0);
}

/**
 * The certified examples scored in (run, layer), each with its rank in the density-bin order of METHOD.md H.3
 * (ascending own-class log-density, ties by example index — the order `densityBins` sorts by), in rank order.
 */
export async function rankedCertifiedExamples(db: Db, runId: number, layerId: number): Promise<RankedCertifiedExample[]> {
  const ranked = db
    .select({
      exampleId: exampleScores.exampleId,
      index: examples.index,
      label: examples.label,
      rank: sql<number>`(row_number() over (order by ${exampleScores.ownLogDensity} asc, ${examples.index} asc) - 1)::integer`.as('rank'),
      radius: examples.robustnessRadius,
      abstained: examples.robustnessAbstained,
      prediction: examples.robustnessPrediction,
    })
    .from(exampleScores)
    .innerJoin(examples, eq(exampleScores.exampleId, examples.id))
    .where(and(eq(exampleScores.runId, runId), eq(exampleScores.layerId, layerId)))
    .as('ranked');
  const rows = await db.select().from(ranked).where(isNotNull(ranked.radius)).orderBy(asc(ranked.rank));
  return rows.map((r) => ({ ...r, rank: Number(r.rank), radius: r.radius!, abstained: r.abstained ?? r.prediction === -1, prediction: r.prediction ?? -1 }));
}
