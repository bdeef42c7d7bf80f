/** Test helper: an upload of a folder's files made through the upload service itself (no HTTP). */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../context/app-context.ts';
import type { Caller } from '../services/auth/caller.ts';
import { createUploadReceiver, DEFAULT_UPLOAD_LIMITS, startUpload, uploadIdOf } from '../services/upload/receive-upload.ts';

/** Uploads every file of `folder` (one level of sub-folders) as `caller`; returns the upload id. */
export async function uploadFolder(app: Pick<AppContext, 'db' | 'artifacts'>, caller: Caller, folder: string): Promise<string> {
  const upload = await startUpload(app.db, caller);
  const receiver = await createUploadReceiver(app, upload, DEFAULT_UPLOAD_LIMITS);
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    await receiver.receive(path.slice(folder.length + 1), createReadStream(path));
  }
  await receiver.commit();
  return uploadIdOf(upload.id);
}
