import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { datasets } from './datasets.ts';

/** One class of a dataset: integer label and display name. */
export const datasetClasses = pgTable(
  'dataset_classes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    label: integer('label').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('dataset_classes_dataset_label_uq').on(t.datasetId, t.label)],
);
