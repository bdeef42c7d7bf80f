/**
 * `GET /export/<table>.csv|json?…`: streams every row of one table, unsampled, with backpressure. Parameter
 * problems are answered before the first byte (400/404 with a JSON `{ error, code }`); unexpected errors are
 * masked and logged like GraphQL's.
 */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLContext } from '../../graphql/context.ts';
import { classifyError, type ErrorLogger } from '../../graphql/errors.ts';
import { csvLine } from '../csv.ts';
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
export async function handleExport(req: IncomingMessage, res: ServerResponse, url: URL, context: () => GraphQLContext, logError: ErrorLogger): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'exports are read with GET', 'METHOD_NOT_ALLOWED');
  const match = ROUTE.exec(url.pathname);
  const table = match ? EXPORT_TABLES[match[1]] : undefined;
  if (!match || !table) {
    const names = Object.keys(EXPORT_TABLES).map((t) => `/export/${t}.csv|json`).join(', ');
    return sendError(res, 404, `no such export; available: ${names}`, 'NOT_FOUND');
  }
  const format = match[2] as 'csv' | 'json';
  const rows = table.rows(context(), url.searchParams);
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
  const pick = (row: Record<string, unknown>) => table.columns.map((c) => row[c]);
  try {
    await write(res, format === 'csv' ? csvLine(table.columns) : '[');
    for (let first = true; !next.done; next = await rows.next(), first = false) {
      if (format === 'csv') await write(res, csvLine(pick(next.value)));
      else await write(res, `${first ? '\n' : ',\n'}${JSON.stringify(Object.fromEntries(table.columns.map((c) => [c, next.value[c] ?? null])))}`);
    }
    res.end(format === 'csv' ? '' : '\n]\n');
  } catch (error) {
    logError(error);
    res.destroy(error as Error);
  }
}
