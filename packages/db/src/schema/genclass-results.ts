import { doublePrecision, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** Per (run, layer, subset): generative classification of held-out examples (METHOD.md G). */
export const genclassResults = pgTable(
  'genclass_results',
  {
    ...runLayerKey(),
    /** `least` | `most` | `random`. */
    subset: text('subset').notNull(),
    f1Mean: doublePrecision('f1_mean').notNull(),
    f1Sd: doublePrecision('f1_sd').notNull(),
    accuracy: doublePrecision('accuracy').notNull(),
    /** Weighted F1 per kept trace. */
    f1PerTrace: jsonb('f1_per_trace').$type<number[]>(),
    exampleCount: integer('example_count').notNull(),
  },
  (t) => [uniqueIndex('genclass_results_run_layer_subset_uq').on(t.runId, t.layerId, t.subset)],
);
