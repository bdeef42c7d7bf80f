/**
 * `importModel(input: { uploadId })`: an upload's files laid out as the folder they came from (links to their
 * artifacts in a private temporary folder) and imported exactly like a folder on disk — every problem reported at
 * once, nothing stored on failure — with problems naming the files by their names in the upload, never by a
 * server path. An upload is imported at most once (claimed first, given back if the import fails).
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { claimUpload, filesOfUpload, settleUpload } from '@classfit/db';
import type { AppContext } from '../../context/app-context.ts';
import type { Caller } from '../auth/caller.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { importModel, type ImportModelInput, type ImportModelResult } from '../import-model.ts';
import { relabelProblems, relabelResult } from '../import/relabel-paths.ts';
import { findUpload, uploadIdOf } from './receive-upload.ts';

/** Imports upload `uploadId` of `caller` as a model described by `input`. */
export async function importUpload(
  app: Pick<AppContext, 'db' | 'artifacts'>,
  caller: Caller,
  uploadId: string,
  input: Omit<ImportModelInput, 'source'>,
): Promise<ImportModelResult> {
  const upload = await findUpload(app.db, caller, uploadId, true);
  const files = await filesOfUpload(app.db, upload.id);
  if (files.length === 0) {
    throw new ValidationError([{ field: 'uploadId', message: `upload ${uploadId} has no files yet; send them to /uploads/${uploadId}/files` }], 'cannot import');
  }
  if (!(await claimUpload(app.db, upload.id))) throw new ConflictError(`upload ${uploadIdOf(upload.id)} is being or was already imported`);
  const folder = await mkdtemp(join(tmpdir(), 'classfit-upload-'));
  let result: ImportModelResult | undefined;
  try {
    for (const file of files) {
      await mkdir(dirname(join(folder, file.name)), { recursive: true });
      await symlink(app.artifacts.path(file.artifact), join(folder, file.name));
    }
    result = await importModel(app, { ...input, source: { folder } });
    return relabelResult(result, folder, '');
  } catch (error) {
    throw error instanceof ValidationError ? relabelProblems(error, folder, '') : error;
  } finally {
    await settleUpload(app.db, upload.id, result?.model.id ?? null);
    await rm(folder, { recursive: true, force: true });
  }
}
