/**
 * Test helper: an in-process GraphQL API over a fresh store — PGlite in memory always, and a throw-away database
 * on the PostgreSQL server of `TEST_DATABASE_URL` when it is set — with a query counter on the database client.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { createArtifactStore, createDb, type DbHandle } from '@classfit/db';
import pg from 'pg';
import type { AppContext } from '../context/app-context.ts';
import { createContextFactory, type GraphQLContext, type GraphQLServices } from '../graphql/context.ts';
import { buildClassfitSchema } from '../graphql/schema.ts';
import { createApolloServer } from '../server/apollo.ts';

/** A database engine to run API tests on. */
export interface ApiTestEngine {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<DbHandle>;
}

/** `[pglite]`, plus `postgres` when `TEST_DATABASE_URL` is set (a fresh database per `open`, dropped on close). */
export function apiTestEngines(): ApiTestEngine[] {
  const engines: ApiTestEngine[] = [{ name: 'pglite', open: () => createDb() }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push({ name: 'postgres', open: () => openThrowAwayPostgres(url) });
  return engines;
}

async function openThrowAwayPostgres(url: string): Promise<DbHandle> {
  const name = `classfit_api_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDb({ url: target.toString() });
  return { ...handle, close: async () => (await handle.close(), await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** Counts statements sent through the db client (both drivers call `$client.query`). */
function countQueries(handle: DbHandle): { readonly count: number; reset(): void } {
  const client = (handle.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const original = client.query.bind(client);
  let count = 0;
  client.query = (...args: unknown[]) => {
    count++;
    return original(...args);
  };
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

/** An API under test. */
export interface TestApi {
  readonly app: AppContext;
  readonly server: ApolloServer<GraphQLContext>;
  readonly newContext: () => GraphQLContext;
  readonly queries: { readonly count: number; reset(): void };
  /** Errors the server logged as unexpected (masked in responses). */
  readonly logged: unknown[];
  /** Runs one operation; returns `{ data, errors }` of a single result. */
  execute(query: string, variables?: Record<string, unknown>): Promise<{ data?: Record<string, any> | null; errors?: readonly any[] }>;
  close(): Promise<void>;
}

/** Opens a store on `engine`, builds the schema and an Apollo server, and starts it in-process. */
export async function openTestApi(engine: ApiTestEngine, services: Partial<GraphQLServices> = {}): Promise<TestApi> {
  const handle = await engine.open();
  const home = await mkdtemp(join(tmpdir(), 'classfit-api-'));
  const queries = countQueries(handle);
  const logged: unknown[] = [];
  const app: AppContext = {
    db: handle.db,
    engine: handle.engine,
    artifacts: createArtifactStore(join(home, 'artifacts')),
    home,
    backendPreference: 'cpu',
    log: () => {},
    close: () => handle.close(),
  };
  const logError = (error: unknown) => logged.push(error);
  const newContext = createContextFactory({ app, logError, ...services });
  const server = createApolloServer(buildClassfitSchema(), logError);
  await server.start();
  return {
    app,
    server,
    newContext,
    queries,
    logged,
    async execute(query, variables) {
      const response = await server.executeOperation({ query, variables }, { contextValue: newContext() });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as { data?: Record<string, any> | null; errors?: readonly any[] };
    },
    async close() {
      await server.stop();
      await handle.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
