import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { models } from './models.ts';

/**
 * A least/most/random memorized subset of a model's training examples (METHOD.md F, G, J):
 * `purpose = 'kl'` holds per-class lists (100 per kept class), `purpose = 'genclass'` a flat held-out list.
 */
export const memorizationSubsets = pgTable(
  'memorization_subsets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['kl', 'genclass'] }).notNull(),
    /** `least` | `most` | `random`. */
    name: text('name').notNull(),
    /** `file` (imported split file) or `computed` (METHOD.md J rules from the scores). */
    source: text('source', { enum: ['file', 'computed'] }).notNull(),
    /** Example indices (row numbers in the model's activation arrays). */
    indices: jsonb('indices').$type<number[]>().notNull(),
    /** For `kl`: class label per list, and the lists themselves. */
    classLabels: jsonb('class_labels').$type<number[]>(),
    perClass: jsonb('per_class').$type<number[][]>(),
  },
  (t) => [uniqueIndex('memorization_subsets_model_purpose_name_uq').on(t.modelId, t.purpose, t.name)],
);
