import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { models } from './models.ts';
import { users } from './users.ts';

/**
 * A set of files sent to the server (an authors'-layout folder), waiting to be imported by
 * `importModel(input: { uploadId })`. Its files are already in the artifact store; only complete files are ever
 * recorded (a file cut off mid-way is not). It belongs to the user who created it (null: the local owner).
 */
export const uploads = pgTable(
  'uploads',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** The model it was imported as; set once, after which the upload cannot be changed or imported again. */
    modelId: integer('model_id').references(() => models.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('uploads_user_idx').on(t.userId)],
);

/** One complete file of an upload: its path inside the folder, the artifact holding its bytes, size and hash. */
export const uploadFiles = pgTable(
  'upload_files',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    uploadId: integer('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    /** Relative path inside the uploaded folder, e.g. `avg_pooling_0_acts.npy` or `dkls/random_class_split.json`. */
    name: text('name').notNull(),
    /** Artifact key of the bytes (`<sha256>.<ext>`). */
    artifact: text('artifact').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('upload_files_upload_name_uq').on(t.uploadId, t.name)],
);
