/**
 * The GraphQL API for the dashboard's browser tests, in this process: the API's own schema, context and Apollo
 * server over PGlite in a temporary `CLASSFIT_HOME`, served over HTTP (POST /graphql) and graphql-ws (same path).
 * In-process so the test can change the database (advance a running job) while the browser watches.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeaderMap } from '@apollo/server';
import { createArtifactStore, createDb, migrationsFolder, type ArtifactStore, type Db } from '@classfit/db';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppContext } from '@classfit/api/app-context';
import { createAuthenticator } from '@classfit/api/auth/authenticate';
import { OPEN_OWNER, type Caller } from '@classfit/api/auth/caller';
import { createContextFactory } from '@classfit/api/graphql/context';
import { buildClassfitSchema } from '@classfit/api/graphql/schema';
import { createApolloServer } from '@classfit/api/server/apollo';

export interface WebTestApi {
  readonly url: string;
  readonly wsUrl: string;
  readonly db: Db;
  readonly artifacts: ArtifactStore;
  readonly home: string;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const migrationsDir = migrationsFolder;

/**
 * A freshly migrated, closed PGlite data directory to copy: creating one (initdb + migrations) takes seconds,
 * copying it a fraction of that, so each browser test file starts its own database from this. Keyed by the
 * migrations' contents, so a changed migration makes a new template; made aside and renamed into place, so
 * test files racing to make it each end with a complete one.
 */
async function migratedTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(migrationsDir, name);
    if (!name.endsWith('.sql') && !name.endsWith('.json')) continue;
    hash.update(name).update(readFileSync(path));
  }
  const template = join(tmpdir(), `classfit-web-db-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return template;
  const scratch = await mkdtemp(`${template}-making-`);
  const handle = await createDb({ dataDir: scratch });
  await handle.close();
  try {
    renameSync(scratch, template);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another file made it first
  }
  return template;
}

/**
 * Opens PGlite under a fresh CLASSFIT_HOME and serves the API on a free port of 127.0.0.1: open (every caller the
 * local owner), or with `tokens` as a server with users does (`Authorization: Bearer`, graphql-ws
 * `connectionParams.authorization`).
 */
export async function startWebTestApi(options: { progressPollMs?: number; tokens?: boolean } = {}): Promise<WebTestApi> {
  const home = await mkdtemp(join(tmpdir(), 'classfit-web-'));
  cpSync(await migratedTemplate(), join(home, 'db'), { recursive: true });
  const handle = await createDb({ dataDir: join(home, 'db') });
  const artifacts = createArtifactStore(join(home, 'artifacts'));
  const app: AppContext = { db: handle.db, engine: handle.engine, artifacts, home, backendPreference: 'cpu', log: () => {}, close: () => handle.close() };
  const errors: unknown[] = [];
  // The browser tests run against an open server (no users): every caller is the local owner.
  const contextFor = createContextFactory({ app, progressPollMs: options.progressPollMs ?? 250, logError: (e) => errors.push(e) });
  const authenticator = createAuthenticator(handle.db, { kind: 'tokens' });
  const callerOf = (authorization: unknown): Promise<Caller> =>
    options.tokens ? authenticator.fromAuthorization(typeof authorization === 'string' ? authorization : undefined) : Promise.resolve(OPEN_OWNER);
  const schema = buildClassfitSchema();
  const apollo = createApolloServer(schema, (e) => errors.push(e));
  await apollo.start();

  const serveGraphQL = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql') {
      response.writeHead(404).end();
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const text = request.method === 'POST' ? await readBody(request) : '';
    let caller: Caller;
    try {
      caller = await callerOf(request.headers.authorization);
    } catch (error) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] }));
      return;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: text ? JSON.parse(text) : undefined },
      context: async () => contextFor(caller),
    });
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') response.end(result.body.string);
    else {
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    }
  };
  // A failure is recorded (the test's `errors`) and answered, not left as an unhandled rejection.
  const http = createServer((request, response) => {
    serveGraphQL(request, response).catch((error: unknown) => {
      errors.push(error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  const ws = useServer({ schema, context: async (ctx) => contextFor(await callerOf(ctx.connectionParams?.authorization)) }, wss);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    db: handle.db,
    artifacts,
    home,
    async close() {
      await ws.dispose();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await apollo.stop();
      await handle.close();
      await rm(home, { recursive: true, force: true });
      if (errors.length) console.warn(`web test API logged ${errors.length} unexpected error(s):`, errors.slice(0, 3));
    },
  };
}
