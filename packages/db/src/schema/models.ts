import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { architectures } from './architectures.ts';
import { datasets } from './datasets.ts';
import { projects } from './projects.ts';

/** A trained network whose layer activations were imported. Names are unique across the store. */
export const models = pgTable(
  'models',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    architectureId: integer('architecture_id')
      .notNull()
      .references(() => architectures.id),
    datasetId: integer('dataset_id')
      .notNull()
      .references(() => datasets.id),
    seed: integer('seed'),
    accuracy: doublePrecision('accuracy'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    /** Artifact key of the example images `.npy`, uint8 [n, h, w] or [n, h, w, c], one per example row; null without images. */
    imagesArtifact: text('images_artifact'),
    /** Shape of one image, [height, width, channels] (channels 1 or 3); null without images. */
    imageShape: integer('image_shape').array(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('models_name_uq').on(t.name),
    index('models_created_at_idx').on(t.createdAt, t.id),
    index('models_architecture_idx').on(t.architectureId),
    index('models_dataset_idx').on(t.datasetId),
    index('models_tags_idx').using('gin', t.tags),
  ],
);
