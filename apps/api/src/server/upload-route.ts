/**
 * The upload endpoint: an authors'-layout folder sent as multipart/form-data (parsed by busboy, streamed file by
 * file into the artifact store by services/upload), then imported with `importModel(input: { uploadId })`.
 *
 *   POST /uploads                 starts an upload (files may come in the same request) → 201 manifest
 *   POST /uploads/<id>/files      adds (or replaces) files → 200 manifest
 *   GET  /uploads/<id>            the manifest: which files arrived complete, their sizes and SHA-256
 *
 * Each file part's form-field name is its path inside the folder (`avg_pooling_0_acts.npy`,
 * `dkls/random_class_split.json`); a text field `sha256:<path>` before it announces its hash, checked on arrival.
 * A request's files are recorded only if all arrived complete (a request cut off mid-way records nothing); send one
 * file per request to restart at file granularity. Editors only; an upload is its creator's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import type { AppContext } from '../context/app-context.ts';
import type { Caller } from '../services/auth/caller.ts';
import { BadUserInputError, classifyError, UnauthenticatedError, type ErrorLogger } from '../services/errors.ts';
import {
  createUploadReceiver, describeUpload, findUpload, startUpload, type UploadLimits, type UploadReceiver,
} from '../services/upload/receive-upload.ts';
import { callerOfRequest, sendUnauthenticated, type ServerAccess } from './access.ts';

const ROUTE = /^\/uploads(?:\/([^/]+)(\/files)?)?\/?$/;

/** Whether `pathname` is an upload route. */
export const isUploadPath = (pathname: string): boolean => pathname === '/uploads' || pathname.startsWith('/uploads/');

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PAYLOAD_TOO_LARGE: 413 };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Feeds every file part of `req` to `receiver`, in order; rejects with the first problem (remaining bytes are drained). */
function receiveMultipart(req: IncomingMessage, receiver: UploadReceiver, limits: UploadLimits): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: limits.maxFileBytes + 1, files: 256, fields: 512, fieldSize: 256, parts: 768 } });
    } catch (error) {
      reject(new BadUserInputError('body', `must be multipart/form-data (${(error as Error).message})`));
      return;
    }
    const announced = new Map<string, string>();
    let failure: unknown;
    let work: Promise<void> = Promise.resolve();
    parser.on('field', (name, value) => {
      if (name.startsWith('sha256:')) announced.set(name.slice('sha256:'.length), value.trim().toLowerCase());
    });
    parser.on('file', (name, stream) => {
      work = work.then(async () => {
        if (failure !== undefined) return void stream.resume();
        try {
          // Not destroyed when the receiver stops early (a limit, a bad hash): what is left is drained below.
          await receiver.receive(name, stream.iterator({ destroyOnReturn: false }), announced.get(name));
        } catch (error) {
          failure ??= error;
          stream.resume(); // drain what is left of this file so the rest of the body can be read
        }
      });
    });
    for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const) {
      parser.on(event, () => (failure ??= new BadUserInputError('body', `too many parts in one request (${event.replace('Limit', '')})`)));
    }
    parser.on('error', (error: Error) => {
      failure ??= new BadUserInputError('body', `malformed multipart body (${error.message})`);
      req.unpipe(parser);
      req.resume();
      void work.then(() => reject(failure), reject);
    });
    parser.on('close', () => void work.then(() => (failure === undefined ? resolve() : reject(failure)), reject));
    req.on('aborted', () => {
      failure ??= new Error('the client disconnected before the upload finished');
      parser.destroy(failure as Error);
    });
    req.pipe(parser);
  });
}

/** Handles one upload request. */
export async function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  app: AppContext,
  access: ServerAccess,
  limits: UploadLimits,
  logError: ErrorLogger,
): Promise<void> {
  const match = ROUTE.exec(url.pathname);
  let caller: Caller;
  try {
    caller = await callerOfRequest(access, req);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return sendUnauthenticated(res, error, 'export');
    throw error;
  }
  let receiver: UploadReceiver | undefined;
  try {
    if (!match || (match[2] && req.method !== 'POST') || (!match[1] && req.method !== 'POST') || (match[1] && !match[2] && req.method !== 'GET')) {
      return send(res, match ? 405 : 404, { error: 'use POST /uploads, POST /uploads/<id>/files or GET /uploads/<id>', code: match ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND' });
    }
    if (match[1] && !match[2]) return send(res, 200, await describeUpload(app.db, await findUpload(app.db, caller, match[1]), limits));
    const upload = match[1] ? await findUpload(app.db, caller, match[1], true) : await startUpload(app.db, caller);
    receiver = await createUploadReceiver(app, upload, limits);
    if (/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) await receiveMultipart(req, receiver, limits);
    else if (match[2]) throw new BadUserInputError('body', 'must be multipart/form-data with one part per file');
    send(res, match[1] ? 200 : 201, await receiver.commit());
  } catch (error) {
    await receiver?.discard();
    if (req.readableEnded === false) req.resume();
    const known = classifyError(error);
    if (known && STATUS[known.code]) return send(res, STATUS[known.code], { error: known.message, code: known.code });
    if (req.destroyed) return; // the client went away: nothing recorded, nobody to answer
    logError(error);
    send(res, 500, { error: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' });
  }
}
