import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { fitRuns } from './fit-runs.ts';
import { layers } from './layers.ts';

/** One layer's fit within a run: the reduction used and the predictive file of all its classes. */
export const layerFits = pgTable(
  'layer_fits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    runId: integer('run_id')
      .notNull()
      .references(() => fitRuns.id, { onDelete: 'cascade' }),
    layerId: integer('layer_id')
      .notNull()
      .references(() => layers.id, { onDelete: 'cascade' }),
    reducedDim: integer('reduced_dim').notNull(),
    classCount: integer('class_count').notNull(),
    /** Artifact key of the `classfit.predictive/v1` JSON (with projection). */
    predictiveArtifact: text('predictive_artifact').notNull(),
    timings: jsonb('timings').$type<Record<string, number>>(),
  },
  (t) => [uniqueIndex('layer_fits_run_layer_uq').on(t.runId, t.layerId)],
);
