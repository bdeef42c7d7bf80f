import { doublePrecision, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** Per (run, layer, subset): between-class KL matrix, C×C, zero diagonal (METHOD.md F). */
export const klMatrices = pgTable(
  'kl_matrices',
  {
    ...runLayerKey(),
    subset: text('subset').notNull(),
    /** Class labels, in matrix order. */
    labels: jsonb('labels').$type<number[]>().notNull(),
    /** Row-major C×C matrix when small; otherwise null and `matrixArtifact` holds a float64 `.npy`. */
    matrix: jsonb('matrix').$type<number[][]>(),
    matrixArtifact: text('matrix_artifact'),
    /** Mean and s.d. of all entries with KL > 0 (Fig. 4 statistic). */
    mean: doublePrecision('mean').notNull(),
    sd: doublePrecision('sd').notNull(),
  },
  (t) => [uniqueIndex('kl_matrices_run_layer_subset_uq').on(t.runId, t.layerId, t.subset)],
);
