/**
 * The API server: one node:http server on one port for `/graphql` (HTTP via Apollo, WebSocket via graphql-ws),
 * `/export/<table>.csv|json`, `/uploads` (files for `importModel(input: { uploadId })`) and `/healthz`, with CORS for the dashboard. Entry files only wire these together.
 * Access (open for the local owner, or tokens) is decided before binding, and stated in one log line.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { BackendInfo } from '@classfit/core/tensor';
import { readDataVersion } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { createContextFactory } from '../graphql/context.ts';
import type { AccessPolicy } from '../services/auth/access-policy.ts';
import type { ErrorLogger } from '../services/errors.ts';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../services/upload/receive-upload.ts';
import type { JobControl } from '../jobs/job-control.ts';
import { buildClassfitSchema } from '../graphql/schema.ts';
import { createApolloServer } from './apollo.ts';
import { decideServerAccess } from './access.ts';
import { applyCors } from './cors.ts';
import { handleExport, isExportPath } from './export/export-route.ts';
import { handleGraphQLHttp, type GraphQLReuse } from './graphql-http.ts';
import { handleHealth } from './health.ts';
import { createResponseCache } from './response-cache.ts';
import { handleUpload, isUploadPath } from './upload-route.ts';
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
  /** Serve open with no users although bound beyond loopback or on PostgreSQL (`--insecure-open`). */
  readonly insecureOpen?: boolean;
  /**
   * Folders `importModel(input: { path })` may read (CLASSFIT_IMPORT_ROOTS). Default none: path imports refused,
   * except for the local owner of a server running open on loopback, who may import any folder.
   */
  readonly importRoots?: readonly string[];
  /** Size limits of uploads; default 4 GiB per file, 16 GiB per upload. */
  readonly uploadLimits?: UploadLimits;
  /** The access policy; default decided from the users, the bind address and the engine (access-policy.ts). */
  readonly access?: AccessPolicy;
  /** Reuse verified tokens and answers of read-only queries while the store's data version stays the same (default true). */
  readonly reuse?: boolean;
}

/** A listening API server. */
export interface ApiServer {
  readonly httpServer: Server;
  /** e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string;
  readonly port: number;
  /** The start-up line about access, e.g. `access: open — …`. */
  readonly accessLine: string;
  stop(): Promise<void>;
}

/** Builds, starts and listens; resolves once the port is bound. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { app } = options;
  const logError: ErrorLogger = options.logError ?? ((error) => app.log(`api: unexpected error: ${(error as Error)?.stack ?? String(error)}`));
  const backend = options.backend ?? (() => null);
  const host = options.host ?? '127.0.0.1';
  const access = await decideServerAccess(app, { host, insecureOpen: options.insecureOpen, policy: options.access });
  app.log(access.line);
  const importRoots = options.importRoots?.length ? options.importRoots : access.policy.kind === 'open' && access.policy.why === 'loopback' ? 'unrestricted' : [];
  const context = createContextFactory({ app, backend, jobs: options.jobs, progressPollMs: options.progressPollMs, logError, accessLine: access.line, importRoots });
  const schema = buildClassfitSchema();
  const corsOrigins = options.corsOrigins ?? [];
  const reuse: GraphQLReuse | undefined = options.reuse === false ? undefined : { version: () => readDataVersion(app.db), responses: createResponseCache() };
  const httpServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (applyCors(req, res, corsOrigins)) return;
    const route = url.pathname === '/graphql' ? handleGraphQLHttp(req, res, url, apollo, context, access, reuse)
      : url.pathname === '/healthz' ? handleHealth(res, app, backend)
      : isExportPath(url.pathname) ? handleExport(req, res, url, context, access, logError)
      : isUploadPath(url.pathname) ? handleUpload(req, res, url, app, access, options.uploadLimits ?? DEFAULT_UPLOAD_LIMITS, logError)
      : Promise.resolve(void res.writeHead(404, { 'content-type': 'text/plain' }).end('classfit API: try /graphql, /healthz, /export/<table>.csv or /uploads\n'));
    route.catch((error: unknown) => {
      logError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"Internal server error"}');
      else res.destroy();
    });
  });
  const closeSubscriptions = attachSubscriptions(httpServer, schema, context, access, logError);
  const apollo = createApolloServer(schema, logError, [ApolloServerPluginDrainHttpServer({ httpServer })]);
  await apollo.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 4000, host, () => resolve());
  });
  const { port, address } = httpServer.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    httpServer,
    port,
    url: `http://${shown}:${port}/graphql`,
    accessLine: access.line,
    async stop() {
      await closeSubscriptions();
      await apollo.stop();
    },
  };
}
