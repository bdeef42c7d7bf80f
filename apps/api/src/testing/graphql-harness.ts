/**
 * Test helper: an in-process GraphQL API over a fresh store — PGlite in memory always, and a throw-away database
 * on the PostgreSQL server of `TEST_DATABASE_URL` when it is set — with a query counter on the database client.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { createArtifactStore, type DbHandle } from '@classfit/db';
import { testEngines, type TestEngine } from '@classfit/db/testing';
import type { AppContext } from '../context/app-context.ts';
import { createContextFactory, type GraphQLContext, type GraphQLServices } from '../graphql/context.ts';
import { OPEN_OWNER, type Caller } from '../services/auth/caller.ts';
import { buildClassfitSchema } from '../graphql/schema.ts';
import { createApolloServer } from '../server/apollo.ts';

/** A database engine to run API tests on. */
export type ApiTestEngine = TestEngine;

/** `[pglite]`, plus `postgres` when `TEST_DATABASE_URL` is set (a fresh database per `open`, dropped on close). */
export function apiTestEngines(): ApiTestEngine[] {
  return testEngines();
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
  /** A fresh request context for `caller` (default: the open server's local owner, who may do anything). */
  readonly newContext: (caller?: Caller) => GraphQLContext;
  readonly queries: { readonly count: number; reset(): void };
  /** Errors the server logged as unexpected (masked in responses). */
  readonly logged: unknown[];
  /** Runs one operation as `caller` (default the local owner); returns `{ data, errors }` of a single result. */
  execute(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<{ data?: Record<string, any> | null; errors?: readonly any[] }>;
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
  // As a server running open on loopback: the owner may import any server folder unless roots are given.
  const contextFor = createContextFactory({ app, logError, importRoots: 'unrestricted', ...services });
  const newContext = (caller: Caller = OPEN_OWNER) => contextFor(caller);
  const server = createApolloServer(buildClassfitSchema(), logError);
  await server.start();
  return {
    app,
    server,
    newContext,
    queries,
    logged,
    async execute(query, variables, caller) {
      const response = await server.executeOperation({ query, variables }, { contextValue: newContext(caller) });
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
