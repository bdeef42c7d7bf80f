/**
 * `/graphql` over plain node:http: reads the store's data version, authenticates the caller (401 for a bad token),
 * reads the body (size-limited, JSON only), answers from the response cache when it kept this request at this
 * version, else hands the request to Apollo with a fresh context for that caller, writes Apollo's response and
 * keeps it when it may (response-cache.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context.ts';
import type { Caller } from '../services/auth/caller.ts';
import { UnauthenticatedError } from '../services/errors.ts';
import { callerOfRequest, sendUnauthenticated, type ServerAccess } from './access.ts';
import { LIMITS } from './limits.ts';
import { responseCacheKey, type CachedResponse, type ResponseCache } from './response-cache.ts';

/** What lets `/graphql` reuse earlier work: the store's data version and the answers kept at it. */
export interface GraphQLReuse {
  /** Reads the store's current data version (readDataVersion). */
  readonly version: () => Promise<string>;
  readonly responses: ResponseCache;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.maxBodyBytes) throw new HttpError(413, `request body over ${LIMITS.maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return text;
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

/** Handles one `/graphql` HTTP request. */
export async function handleGraphQLHttp(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  apollo: ApolloServer<GraphQLContext>,
  context: (caller: Caller, version?: string) => GraphQLContext,
  access: ServerAccess,
  reuse?: GraphQLReuse,
): Promise<void> {
  // Read first: whatever is read after it (the token, the answer) is at least this new.
  const version = await reuse?.version();
  let caller: Caller;
  try {
    caller = await callerOfRequest(access, req, version);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return sendUnauthenticated(res, error, 'graphql');
    throw error;
  }
  let body: unknown;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 400;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_REQUEST' } }] }));
    return;
  }
  const key = reuse && version !== undefined && req.method === 'POST' ? responseCacheKey(caller, body, req.headers.accept) : undefined;
  if (key !== undefined) {
    // Kept, or being answered for another client right now (a page many open at once): wait for that answer.
    const kept = reuse!.responses.get(key, version!) ?? (await reuse!.responses.pending(key, version!));
    if (kept) return writeKept(res, kept);
  }
  const done = key === undefined ? undefined : reuse!.responses.begin(key, version!);
  try {
    await answer(req, res, url, apollo, () => context(caller, key === undefined ? undefined : version), body, (kept) => {
      if (key !== undefined) reuse!.responses.set(key, version!, kept);
      done?.(kept);
    });
  } finally {
    done?.(undefined);
  }
}

/** Runs the request through Apollo and writes its answer; `keep` receives a complete answer without errors. */
async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  apollo: ApolloServer<GraphQLContext>,
  context: () => GraphQLContext,
  body: unknown,
  keep: (kept: CachedResponse) => void,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: url.search, body },
    // Read-only requests share the rows read at their data version; others (mutations) read for themselves.
    context: async () => context(),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    if (res.statusCode === 200 && answeredWithoutErrors(response.body.string)) keep({ status: res.statusCode, headers: [...response.headers], body: response.body.string });
    return void res.end(response.body.string);
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function answeredWithoutErrors(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown[]; data?: unknown };
    return parsed.data !== undefined && parsed.data !== null && !parsed.errors?.length;
  } catch {
    return false;
  }
}

function writeKept(res: ServerResponse, kept: CachedResponse): void {
  for (const [name, value] of kept.headers) res.setHeader(name, value);
  res.statusCode = kept.status;
  res.end(kept.body);
}
