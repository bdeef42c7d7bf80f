import { doublePrecision, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { runLayerKey } from './run-layer-key.ts';

/** Per (run, layer): the largest-gap split of class mean log-densities (METHOD.md H.1). */
export const groupSplits = pgTable(
  'group_splits',
  {
    ...runLayerKey(),
    threshold: doublePrecision('threshold').notNull(),
    gap: doublePrecision('gap').notNull(),
    lowCount: integer('low_count').notNull(),
    highCount: integer('high_count').notNull(),
  },
  (t) => [uniqueIndex('group_splits_run_layer_uq').on(t.runId, t.layerId)],
);
