/**
 * `/graphql` over plain node:http: authenticates the caller (401 for a bad token), reads the body (size-limited,
 * JSON only), hands the request to Apollo with a fresh context for that caller, and writes Apollo's response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context.ts';
import type { Caller } from '../services/auth/caller.ts';
import { UnauthenticatedError } from '../services/errors.ts';
import { callerOfRequest, sendUnauthenticated, type ServerAccess } from './access.ts';
import { LIMITS } from './limits.ts';

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
  context: (caller: Caller) => GraphQLContext,
  access: ServerAccess,
): Promise<void> {
  let caller: Caller;
  try {
    caller = await callerOfRequest(access, req);
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
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: url.search, body },
    context: async () => context(caller),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
