import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** One layer's fit within a run: the reduction used and the predictive file of all its classes. */
export const layerFits = pgTable(
  'layer_fits',
  {
    ...runLayerKey(),
    reducedDim: integer('reduced_dim').notNull(),
    classCount: integer('class_count').notNull(),
    /** Artifact key of the `classfit.predictive/v1` JSON (with projection). */
    predictiveArtifact: text('predictive_artifact').notNull(),
    timings: jsonb('timings').$type<Record<string, number>>(),
  },
  (t) => [uniqueIndex('layer_fits_run_layer_uq').on(t.runId, t.layerId)],
);
