import { doublePrecision, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { layers } from './layers.ts';
import { runLayerKey } from './run-layer-key.ts';

/**
 * Per (run, layer, other layer of the same model): how similar the two layers' representations of the
 * same examples are — debiased linear CKA and orthogonal Procrustes distance (issue 11 §2). Every
 * ordered pair is stored, the diagonal included, so a row of the matrix is one query.
 */
export const layerSimilarities = pgTable(
  'layer_similarities',
  {
    ...runLayerKey(),
    otherLayerId: integer('other_layer_id')
      .notNull()
      .references(() => layers.id, { onDelete: 'cascade' }),
    /** Debiased linear CKA (1 on the diagonal; null where a layer's HSIC is ≤ 0). */
    cka: doublePrecision('cka'),
    /** Orthogonal Procrustes distance 2 − 2‖X̂ᵀŶ‖_* of the centred, unit-Frobenius-norm representations (the squared distance: 0 on the diagonal, at most 2). */
    procrustes: doublePrecision('procrustes'),
    /** Examples both representations were compared on. */
    exampleCount: integer('example_count').notNull(),
  },
  (t) => [uniqueIndex('layer_similarities_run_layer_other_uq').on(t.runId, t.layerId, t.otherLayerId)],
);
