import { doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { models } from './models.ts';

/**
 * One training (or test) example as seen by one model: `index` is its row in
 * that model's activation arrays. Memorization and robustness are estimated per
 * architecture (METHOD.md H.2), hence stored per model rather than per dataset.
 */
export const examples = pgTable(
  'examples',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    modelId: integer('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    split: text('split', { enum: ['train', 'test'] }).notNull().default('train'),
    index: integer('index').notNull(),
    label: integer('label').notNull(),
    memorization: doublePrecision('memorization'),
    memorizationSe: doublePrecision('memorization_se'),
    robustnessRadius: doublePrecision('robustness_radius'),
  },
  (t) => [
    uniqueIndex('examples_model_split_index_uq').on(t.modelId, t.split, t.index),
    index('examples_model_label_idx').on(t.modelId, t.label),
  ],
);
