/**
 * `classfit import --server URL --token T FOLDER`: uploads an authors'-layout folder to a classfit server from
 * any machine and imports it there. Each file is hashed, then sent in its own request (so a broken connection
 * costs one file, and `--upload <id>` resumes, sending only what the server lacks), with a progress bar over all
 * bytes; then `importModel(input: { uploadId, … })` validates and stores it (every problem at once) and the
 * model's dashboard URL is printed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './command.ts';
import { printResult } from './output.ts';
import { createProgressBar } from './progress.ts';

/** The sub-folders of the authors' layout that hold split files. */
const SUB_FOLDERS = ['dkls', 'generative_classification'];

/** One file to send: its name inside the folder, where it is here, its size and hash. */
interface LocalFile {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** What the server says of an upload. */
interface Manifest {
  readonly uploadId: string;
  readonly files: readonly { name: string; bytes: number; sha256: string }[];
  readonly limits: { maxFileBytes: number; maxUploadBytes: number };
}

/** Options of {@link importToServer}. */
export interface RemoteImportOptions {
  readonly server: string;
  readonly token?: string;
  readonly folder: string;
  /** Resume this upload instead of starting one. */
  readonly upload?: string;
  /** The dashboard's base URL (default: the server's host on port 3000). */
  readonly dashboard?: string;
  /** `ImportModelInput` fields other than the upload. */
  readonly model: Record<string, unknown>;
  readonly log: (line: string) => void;
  /** Print the result as JSON (`--json`). */
  readonly json?: boolean;
}

/** `path` under the server's base URL. */
const endpoint = (base: URL, path: string): URL => new URL(path, base.href.endsWith('/') ? base.href : `${base.href}/`);

/** The server's base URL (without `/graphql`). */
function serverBase(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(`--server must be a URL like http://host:4000, got "${server}"`);
  }
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '');
  return url;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The regular files of the folder and of its split sub-folders; names of what is left out. */
async function listFolder(folder: string): Promise<{ files: { name: string; path: string; bytes: number }[]; skipped: string[] }> {
  const files: { name: string; path: string; bytes: number }[] = [];
  const skipped: string[] = [];
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UsageError(`${folder} is not a folder`);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isFile()) files.push({ name: entry.name, path: join(folder, entry.name), bytes: (await stat(join(folder, entry.name))).size });
    else if (entry.isDirectory() && SUB_FOLDERS.includes(entry.name)) {
      for (const inner of await readdir(join(folder, entry.name), { withFileTypes: true })) {
        const path = join(folder, entry.name, inner.name);
        if (inner.isFile() && !inner.name.startsWith('.')) files.push({ name: `${entry.name}/${inner.name}`, path, bytes: (await stat(path)).size });
        else if (!inner.name.startsWith('.')) skipped.push(`${entry.name}/${inner.name}`);
      }
    } else skipped.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  }
  return { files: files.sort((a, b) => a.name.localeCompare(b.name)), skipped };
}

/** Calls the server; throws a one-line error with the server's reason on a non-2xx answer. */
async function call<T>(url: URL, init: RequestInit & { duplex?: 'half' }, token: string | undefined, what: string): Promise<T> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch (error) {
    throw new Error(`${what}: cannot reach ${url.origin} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message})`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${what}: the server answered HTTP ${response.status} without JSON`);
  }
  if (!response.ok) {
    const reason = (body as { error?: string; errors?: { message: string }[] }).error ?? (body as { errors?: { message: string }[] }).errors?.[0]?.message;
    throw new Error(`${what}: ${reason ?? `HTTP ${response.status}`}`);
  }
  return body as T;
}

/** Sends one file (multipart, parsed by the server's busboy), reporting bytes as they leave. */
async function sendFile(base: URL, uploadId: string, file: LocalFile, token: string | undefined, onBytes: (n: number) => void): Promise<Manifest> {
  const form = new FormData();
  form.append(`sha256:${file.name}`, file.sha256);
  form.append(file.name, await openAsBlob(file.path), file.name.split('/').pop());
  const encoded = new Response(form); // the standard encoder: boundary and headers from the platform, not by hand
  const counted = encoded.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
  return call<Manifest>(endpoint(base, `uploads/${uploadId}/files`), {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')! },
    body: counted,
    duplex: 'half',
  }, token, `sending ${file.name}`);
}

/** Uploads and imports; returns the process exit code. */
export async function importToServer(options: RemoteImportOptions): Promise<number> {
  const base = serverBase(options.server);
  const { files: listed, skipped } = await listFolder(options.folder);
  if (listed.length === 0) throw new UsageError(`${options.folder} holds no files to send`);
  if (skipped.length > 0) options.log(`not sent (not part of the authors' layout): ${skipped.join(', ')}`);

  const hashing = createProgressBar('hashing', listed.length);
  const files: LocalFile[] = [];
  for (const [i, f] of listed.entries()) {
    files.push({ ...f, sha256: await sha256Of(f.path) });
    hashing.update(i + 1, f.name);
  }
  hashing.finish(`${listed.length} files`);

  const manifest = options.upload
    ? await call<Manifest>(endpoint(base, `uploads/${options.upload}`), { method: 'GET' }, options.token, 'resuming the upload')
    : await call<Manifest>(endpoint(base, 'uploads'), { method: 'POST' }, options.token, 'starting the upload');
  const { uploadId, limits } = manifest;
  const have = new Map(manifest.files.map((f) => [f.name, f.sha256]));
  const todo = files.filter((f) => have.get(f.name) !== f.sha256);
  const tooBig = todo.filter((f) => f.bytes > limits.maxFileBytes);
  if (tooBig.length > 0) throw new UsageError(`over the server's per-file limit of ${limits.maxFileBytes} bytes: ${tooBig.map((f) => `${f.name} (${f.bytes} bytes)`).join(', ')}`);
  const total = todo.reduce((sum, f) => sum + f.bytes, 0);
  if (files.reduce((sum, f) => sum + f.bytes, 0) > limits.maxUploadBytes) throw new UsageError(`the folder is over the server's upload limit of ${limits.maxUploadBytes} bytes`);
  options.log(`upload ${uploadId}: ${todo.length} of ${files.length} files to send (${total} bytes)${todo.length < files.length ? `; ${files.length - todo.length} already there` : ''}`);

  const bar = createProgressBar('uploading', total);
  let sent = 0;
  let done = 0;
  for (const file of todo) {
    const start = sent;
    try {
      await sendFile(base, uploadId, file, options.token, (n) => bar.update(Math.min(start + file.bytes, (sent += n)), file.name));
    } catch (error) {
      bar.finish(`stopped at ${file.name}`);
      options.log(`upload ${uploadId} is incomplete (${done} of ${todo.length} files sent); run the same command with --upload ${uploadId} to send only what is missing`);
      throw error;
    }
    sent = start + file.bytes;
    done++;
    bar.update(sent, file.name);
  }
  bar.finish(`${todo.length} files, ${total} bytes`);

  const result = await call<{ data?: { importModel: { model: { id: string; name: string } | null; warnings: string[]; userErrors: { field: string[] | null; message: string }[] } }; errors?: { message: string }[] }>(
    endpoint(base, 'graphql'),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: ImportModelInput!) { importModel(input: $input) { model { id name } warnings userErrors { field message } } }',
        variables: { input: { ...options.model, uploadId } },
      }),
    },
    options.token,
    'importing',
  );
  if (result.errors?.length) throw new Error(`importing: ${result.errors[0].message}`);
  const payload = result.data!.importModel;
  for (const warning of payload.warnings) options.log(`warning: ${warning}`);
  if (!payload.model) {
    for (const e of payload.userErrors) options.log(`  - ${(e.field ?? []).filter((f) => f !== 'input').join('.') || 'input'}: ${e.message}`);
    throw new UsageError(`cannot import upload ${uploadId}: ${payload.userErrors.length} problem${payload.userErrors.length === 1 ? '' : 's'} (listed above); nothing was stored. Fix the files and rerun with --upload ${uploadId}`);
  }
  const dashboard = options.dashboard ? new URL(options.dashboard) : new URL(`${base.protocol}//${base.hostname}:3000`);
  const url = new URL(`models/${encodeURIComponent(payload.model.id)}`, `${dashboard.href.replace(/\/$/, '')}/`).href;
  printResult(options.json, { model: payload.model, uploadId, url, warnings: payload.warnings }, () => `imported model "${payload.model!.name}": ${url}`);
  return 0;
}
