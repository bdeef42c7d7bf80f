/**
 * Receiving an upload: files of an authors'-layout folder, streamed straight into the artifact store (hashed while
 * written, never held whole), size-limited per file and per upload. A request's files are recorded together at its
 * end, and only if every one arrived complete; a file cut off mid-way, over a limit or not matching the hash the
 * client announced is never recorded, and the artifacts the failed request created are removed again. An upload is
 * restartable: files already recorded stay, and a file sent again under its name replaces the earlier one.
 */
import {
  createUpload, filesOfUpload, getUpload, recordUploadFiles, uploadBytes,
  type ArtifactStore, type Db, type UploadFileInput, type UploadFileRow, type UploadRow,
} from '@classfit/db';
import { requireRoleSomewhere, type Caller } from '../auth/caller.ts';
import { BadUserInputError, ConflictError, NotFoundError, PayloadTooLargeError } from '../errors.ts';

/** Size limits of uploads (bytes). */
export interface UploadLimits {
  readonly maxFileBytes: number;
  readonly maxUploadBytes: number;
}

/** Defaults: 4 GiB per file, 16 GiB per upload (the authors' largest activation file is ~100 MB). */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxFileBytes: 4 * 2 ** 30, maxUploadBytes: 16 * 2 ** 30 };

/** What a client sees of an upload. */
export interface UploadManifest {
  readonly uploadId: string;
  readonly files: readonly { name: string; bytes: number; sha256: string }[];
  readonly totalBytes: number;
  readonly imported: boolean;
  readonly limits: UploadLimits;
}

const ID_PATTERN = /^upload-(\d{1,10})$/;

/** The client-facing id of upload row `id`. */
export const uploadIdOf = (id: number): string => `upload-${id}`;

/** Relative paths an upload may hold: up to two `/`-separated segments of letters, digits, `.`, `_`, `-`; no `..`. */
export function uploadNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 200) return 'must be 1–200 characters';
  const segments = name.split('/');
  if (segments.length > 2) return 'must be a file of the folder or of one sub-folder (at most one "/")';
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return 'must be a relative path without empty, "." or ".." parts';
    if (!/^[\w.-]+$/.test(segment) || segment.startsWith('.')) return 'may hold only letters, digits, ".", "_" and "-" (not starting with ".")';
  }
  return null;
}

/** The artifact extension for an uploaded file: its own (`npy`, `npz`, `json`, `txt`, …) or `bin`. */
function extensionOf(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  return ext ?? 'bin';
}

/** Whether `caller` owns `upload`: its creator, or (for uploads of the local owner) the owner. */
function owns(caller: Caller, upload: UploadRow): boolean {
  if (caller.kind === 'owner') return true;
  return caller.kind === 'user' && upload.userId === caller.userId;
}

/**
 * The upload `uploadId` names, if the caller owns it (else NOT_FOUND, like an unknown id); editors only.
 * With `forWriting`, an upload that was already imported is a CONFLICT.
 */
export async function findUpload(db: Db, caller: Caller, uploadId: string, forWriting = false): Promise<UploadRow> {
  requireRoleSomewhere(caller, 'editor', 'uploading');
  const id = Number(ID_PATTERN.exec(uploadId)?.[1] ?? Number.NaN);
  const upload = Number.isSafeInteger(id) ? await getUpload(db, id) : undefined;
  if (!upload || !owns(caller, upload)) throw new NotFoundError('upload', uploadId);
  if (forWriting && upload.importedAt) throw new ConflictError(`upload ${uploadId} was already imported; start a new one`);
  return upload;
}

/** A new upload of the caller; editors only. */
export async function startUpload(db: Db, caller: Caller): Promise<UploadRow> {
  requireRoleSomewhere(caller, 'editor', 'uploading');
  return createUpload(db, caller.kind === 'user' ? caller.userId : null);
}

/** The manifest of an upload. */
export async function describeUpload(db: Db, upload: UploadRow, limits: UploadLimits): Promise<UploadManifest> {
  const files = await filesOfUpload(db, upload.id);
  return {
    uploadId: uploadIdOf(upload.id),
    files: files.map((f: UploadFileRow) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    imported: upload.importedAt !== null,
    limits,
  };
}

/** Receives one request's files into `upload`: call {@link UploadReceiver.receive} per file, then `commit` or `discard`. */
export interface UploadReceiver {
  /**
   * Streams one file into the artifact store; throws BadUserInputError (bad name, repeated name, hash mismatch)
   * or PayloadTooLargeError (over a limit) — the file is then not stored.
   */
  receive(name: string, stream: AsyncIterable<Uint8Array>, expectedSha256?: string): Promise<void>;
  /** Records every received file in one statement; returns the manifest. */
  commit(): Promise<UploadManifest>;
  /** Forgets the received files, removing the artifacts this request created. */
  discard(): Promise<void>;
}

/** Thrown by the size guard; carries the problem for the client. */
class TooLarge extends PayloadTooLargeError {}

/** Passes `stream` through, throwing once it exceeds `limit` bytes. */
async function* limited(stream: AsyncIterable<Uint8Array>, limit: number, describe: () => string): AsyncGenerator<Uint8Array> {
  let seen = 0;
  for await (const chunk of stream) {
    seen += chunk.length;
    if (seen > limit) throw new TooLarge(describe());
    yield chunk;
  }
}

/** A receiver for one request on `upload` (see {@link UploadReceiver}). */
export async function createUploadReceiver(app: { db: Db; artifacts: ArtifactStore }, upload: UploadRow, limits: UploadLimits): Promise<UploadReceiver> {
  if (upload.importedAt) throw new ConflictError(`upload ${uploadIdOf(upload.id)} was already imported; start a new one`);
  const before = await uploadBytes(app.db, upload.id);
  const received: UploadFileInput[] = [];
  const created: string[] = [];
  let requestBytes = 0;
  return {
    async receive(name, stream, expectedSha256) {
      const problem = uploadNameProblem(name);
      if (problem) throw new BadUserInputError('name', `"${name.slice(0, 200)}" ${problem}`);
      if (received.some((f) => f.name === name)) throw new BadUserInputError('name', `"${name}" was sent twice in one request`);
      if (expectedSha256 !== undefined && !/^[0-9a-f]{64}$/.test(expectedSha256)) throw new BadUserInputError('sha256', `of "${name}" must be 64 lower-case hex digits`);
      let bytes = 0;
      const counted = async function* () {
        for await (const chunk of stream) {
          bytes += chunk.length;
          requestBytes += chunk.length;
          if (before + requestBytes > limits.maxUploadBytes) {
            throw new TooLarge(`the upload is over its limit of ${limits.maxUploadBytes} bytes (at "${name}"); "${name}" was not stored`);
          }
          yield chunk;
        }
      };
      const { key, created: isNew } = await app.artifacts.putStream(
        limited(counted(), limits.maxFileBytes, () => `"${name}" is over the per-file limit of ${limits.maxFileBytes} bytes; it was not stored`),
        extensionOf(name),
      );
      const sha256 = key.slice(0, 64);
      if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
        if (isNew) await app.artifacts.remove(key);
        throw new BadUserInputError('sha256', `"${name}" arrived with SHA-256 ${sha256}, not the ${expectedSha256} announced: it changed or was damaged in transit; it was not stored`);
      }
      if (isNew) created.push(key);
      received.push({ name, artifact: key, bytes, sha256 });
    },
    async commit() {
      await recordUploadFiles(app.db, upload.id, received);
      return describeUpload(app.db, upload, limits);
    },
    async discard() {
      await Promise.all(created.map((key) => app.artifacts.remove(key)));
      received.length = 0;
      created.length = 0;
    },
  };
}
