import { doublePrecision, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { fitRuns } from './fit-runs.ts';
import { layers } from './layers.ts';
import { models } from './models.ts';

/**
 * The settings behind a model's stored certified-robustness results (METHOD.md H.4): one row per model.
 * Every example with a `robustness_radius` was certified with exactly these settings (re-certifying with
 * other settings clears the old per-example results first, so statistics never mix settings).
 */
export const certifications = pgTable(
  'certifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    /** Base network the smoothed classifier wraps (its directory or name). */
    network: text('network').notNull(),
    /** Noise s.d. σ in normalised-input units. */
    sigma: doublePrecision('sigma').notNull(),
    /** Selection samples n0. */
    n0: integer('n0').notNull(),
    /** Estimation samples n. */
    n: integer('n').notNull(),
    /** Failure probability α of each certificate. */
    alpha: doublePrecision('alpha').notNull(),
    /** Seed of the noise (example i uses stream i) and of the per-bin subsample. */
    seed: integer('seed').notNull(),
    /** Examples drawn per density bin by the latest certification. */
    perBin: integer('per_bin').notNull(),
    /** Analysis run and layer whose density bins the latest subsample was drawn from (null once deleted). */
    runId: integer('run_id').references(() => fitRuns.id, { onDelete: 'set null' }),
    layerId: integer('layer_id').references(() => layers.id, { onDelete: 'set null' }),
    /** Examples of the model with a stored certificate. */
    exampleCount: integer('example_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('certifications_model_uq').on(t.modelId)],
);
