import { doublePrecision, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { examples } from './examples.ts';
import { fitRuns } from './fit-runs.ts';
import { layers } from './layers.ts';

/** Per (run, layer, example): in-sample own-class log-density and the generative prediction. */
export const exampleScores = pgTable(
  'example_scores',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => fitRuns.id, { onDelete: 'cascade' }),
    layerId: integer('layer_id')
      .notNull()
      .references(() => layers.id, { onDelete: 'cascade' }),
    exampleId: integer('example_id')
      .notNull()
      .references(() => examples.id, { onDelete: 'cascade' }),
    ownLogDensity: doublePrecision('own_log_density').notNull(),
    predictedClass: integer('predicted_class'),
  },
  (t) => [
    primaryKey({ name: 'example_scores_pk', columns: [t.runId, t.layerId, t.exampleId] }),
    index('example_scores_example_idx').on(t.exampleId),
  ],
);
