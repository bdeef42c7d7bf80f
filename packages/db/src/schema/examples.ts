import { boolean, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
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
    /** Certified ℓ2 radius of the smoothed classifier (METHOD.md H.4), 0 when it abstained; null = not certified. */
    robustnessRadius: doublePrecision('robustness_radius'),
    /** Whether CERTIFY abstained (p̲_A < ½); null = not certified. */
    robustnessAbstained: boolean('robustness_abstained'),
    /** The smoothed classifier's prediction c_A, −1 when it abstained; null = not certified. */
    robustnessPrediction: integer('robustness_prediction'),
  },
  (t) => [
    uniqueIndex('examples_model_split_index_uq').on(t.modelId, t.split, t.index),
    index('examples_model_label_idx').on(t.modelId, t.label),
  ],
);
