import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** A network architecture, e.g. `resnet18` (family `resnet`, depth 18). */
export const architectures = pgTable(
  'architectures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    family: text('family').notNull(),
    depth: integer('depth'),
  },
  (t) => [uniqueIndex('architectures_name_uq').on(t.name)],
);
