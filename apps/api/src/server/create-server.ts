/**
 * The API server: one node:http server on one port for `/graphql` (HTTP via Apollo, WebSocket via graphql-ws),
 * `/export/<table>.csv|json`, and `/healthz`, with CORS for the dashboard. Entry files only wire these together.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { BackendInfo } from '@classfit/core/tensor';
import type { AppContext } from '../context/app-context.ts';
import { createContextFactory } from '../graphql/context.ts';
import type { ErrorLogger } from '../graphql/errors.ts';
import type { JobControl } from '../graphql/job-control.ts';
import { buildClassfitSchema } from '../graphql/schema.ts';
import { createApolloServer } from './apollo.ts';
import { applyCors } from './cors.ts';
import { handleExport, isExportPath } from './export/export-route.ts';
import { handleGraphQLHttp } from './graphql-http.ts';
import { handleHealth } from './health.ts';
import { attachSubscriptions } from './subscriptions.ts';

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  readonly app: AppContext;
  readonly port?: number;
  readonly host?: string;
  /** Origins allowed to call the API from a browser (the dashboard). */
  readonly corsOrigins?: readonly string[];
  readonly backend?: () => BackendInfo | null;
  readonly jobs?: JobControl;
  /** Poll interval of progress subscriptions (ms). */
  readonly progressPollMs?: number;
  readonly logError?: ErrorLogger;
}

/** A listening API server. */
export interface ApiServer {
  readonly httpServer: Server;
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Builds, starts and listens; resolves once the port is bound. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { app } = options;
  const logError: ErrorLogger = options.logError ?? ((error) => app.log(`api: unexpected error: ${(error as Error)?.stack ?? String(error)}`));
  const backend = options.backend ?? (() => null);
  const context = createContextFactory({ app, backend, jobs: options.jobs, progressPollMs: options.progressPollMs, logError });
  const schema = buildClassfitSchema();
  const corsOrigins = options.corsOrigins ?? [];
  const httpServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (applyCors(req, res, corsOrigins)) return;
    const route = url.pathname === '/graphql' ? handleGraphQLHttp(req, res, url, apollo, context)
      : url.pathname === '/healthz' ? handleHealth(res, app, backend)
      : isExportPath(url.pathname) ? handleExport(req, res, url, context, logError)
      : Promise.resolve(void res.writeHead(404, { 'content-type': 'text/plain' }).end('classfit API: try /graphql, /healthz or /export/<table>.csv\n'));
    route.catch((error: unknown) => {
      logError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"Internal server error"}');
      else res.destroy();
    });
  });
  const closeSubscriptions = attachSubscriptions(httpServer, schema, context, logError);
  const apollo = createApolloServer(schema, logError, [ApolloServerPluginDrainHttpServer({ httpServer })]);
  await apollo.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = httpServer.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    httpServer,
    port,
    url: `http://${host}:${port}/graphql`,
    async stop() {
      await closeSubscriptions();
      await apollo.stop();
    },
  };
}
