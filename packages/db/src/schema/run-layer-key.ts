import { integer } from 'drizzle-orm/pg-core';
import { fitRuns } from './fit-runs.ts';
import { layers } from './layers.ts';

/**
 * The columns every per-(run, layer) result table starts with: its own id, the
 * fit run and the layer, both deleted with their parent. A function, so each
 * table gets its own column builders.
 */
export function runLayerKey() {
  return {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    runId: integer('run_id')
      .notNull()
      .references(() => fitRuns.id, { onDelete: 'cascade' }),
    layerId: integer('layer_id')
      .notNull()
      .references(() => layers.id, { onDelete: 'cascade' }),
  };
}
