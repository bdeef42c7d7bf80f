/** Uploads: a folder's files received into the artifact store, waiting for `importModel(input: { uploadId })`. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { uploadFiles, uploads } from '../schema/index.ts';

export type UploadRow = typeof uploads.$inferSelect;
export type UploadFileRow = typeof uploadFiles.$inferSelect;

/** One complete file to record. */
export interface UploadFileInput {
  readonly name: string;
  readonly artifact: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** A new, empty upload of `userId` (null: the local owner). */
export async function createUpload(db: Db, userId: number | null): Promise<UploadRow> {
  const [row] = await db.insert(uploads).values({ userId }).returning();
  return row;
}

/** The upload `id`, or undefined. */
export async function getUpload(db: Db, id: number): Promise<UploadRow | undefined> {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row;
}

/** The files of an upload, by name. */
export async function filesOfUpload(db: Db, uploadId: number): Promise<UploadFileRow[]> {
  return db.select().from(uploadFiles).where(eq(uploadFiles.uploadId, uploadId)).orderBy(asc(uploadFiles.name));
}

/** Records files of an upload in one statement; a file sent again under the same name replaces the earlier one. */
export async function recordUploadFiles(db: Db, uploadId: number, files: readonly UploadFileInput[]): Promise<void> {
  if (files.length === 0) return;
  await db
    .insert(uploadFiles)
    .values(files.map((f) => ({ uploadId, ...f })))
    .onConflictDoUpdate({
      target: [uploadFiles.uploadId, uploadFiles.name],
      set: { artifact: sql`excluded.artifact`, bytes: sql`excluded.bytes`, sha256: sql`excluded.sha256`, receivedAt: sql`now()` },
    });
}

/** Total bytes recorded for an upload. */
export async function uploadBytes(db: Db, uploadId: number): Promise<number> {
  const [{ total }] = await db.select({ total: sql<string>`coalesce(sum(${uploadFiles.bytes}), 0)` }).from(uploadFiles).where(eq(uploadFiles.uploadId, uploadId));
  return Number(total);
}

/** Claims the upload for one import (sets `imported_at` unless set); returns whether this call claimed it. */
export async function claimUpload(db: Db, uploadId: number): Promise<boolean> {
  const rows = await db
    .update(uploads)
    .set({ importedAt: sql`now()` })
    .where(and(eq(uploads.id, uploadId), isNull(uploads.importedAt)))
    .returning({ id: uploads.id });
  return rows.length === 1;
}

/** Gives a claimed upload back (its import failed), or records the model it became. */
export async function settleUpload(db: Db, uploadId: number, modelId: number | null): Promise<void> {
  await db.update(uploads).set(modelId === null ? { importedAt: null } : { modelId }).where(eq(uploads.id, uploadId));
}
