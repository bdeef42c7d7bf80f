/**
 * `GET /export/<table>.csv|json?…`: streams every row of one table, unsampled, with backpressure. The caller is
 * authenticated like GraphQL's (401 without a valid token where one is needed) and reads through the same
 * project-scoped context, so a model, layer or run of another project is 404 like an unknown one. Parameter
 * problems are answered before the first byte (400/404 with a JSON `{ error, code }`); unexpected errors are
 * masked and logged like GraphQL's.
 */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadContext } from '../../services/views/read-context.ts';
import { requireSignedIn, type Caller } from '../../services/auth/caller.ts';
import { classifyError, UnauthenticatedError, type ErrorLogger } from '../../services/errors.ts';
import { callerOfRequest, sendUnauthenticated, type ServerAccess } from '../access.ts';
import { exportChunks, withFirst } from './serialize.ts';
import { EXPORT_TABLES } from './tables.ts';

const ROUTE = /^\/export\/([a-z][a-z-]*)\.(csv|json)$/;

/** Whether `pathname` is an export route (of any table). */
export const isExportPath = (pathname: string): boolean => pathname.startsWith('/export/');

function sendError(res: ServerResponse, status: number, error: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error, code }));
}

async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/** Handles one export request. */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: (caller: Caller) => ReadContext,
  access: ServerAccess,
  logError: ErrorLogger,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'exports are read with GET', 'METHOD_NOT_ALLOWED');
  let caller: Caller;
  try {
    caller = await callerOfRequest(access, req);
    requireSignedIn(caller, `export ${url.pathname}`);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return sendUnauthenticated(res, error, 'export');
    throw error;
  }
  const match = ROUTE.exec(url.pathname);
  const table = match ? EXPORT_TABLES[match[1]] : undefined;
  if (!match || !table) {
    const names = Object.keys(EXPORT_TABLES).map((t) => `/export/${t}.csv|json`).join(', ');
    return sendError(res, 404, `no such export; available: ${names}`, 'NOT_FOUND');
  }
  const format = match[2] as 'csv' | 'json';
  const rows = table.rows(context(caller), url.searchParams);
  let next: IteratorResult<Record<string, unknown>>;
  try {
    next = await rows.next();
  } catch (error) {
    const known = classifyError(error);
    if (known?.code === 'BAD_USER_INPUT') return sendError(res, 400, `${known.message} (parameters: ${table.parameters})`, known.code);
    if (known?.code === 'NOT_FOUND') return sendError(res, 404, known.message, known.code);
    logError(error);
    return sendError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  }
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${match[1]}.${format}"`,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  try {
    for await (const chunk of exportChunks(table.columns, withFirst(next, rows), format)) if (chunk) await write(res, chunk);
    res.end();
  } catch (error) {
    logError(error);
    res.destroy(error as Error);
  }
}
