/**
 * The per-request GraphQL context: the shared application context (db, artifacts), fresh DataLoaders, the
 * process-wide predictive-model cache, the services behind the mutations, and where unexpected errors are logged.
 */
import type { BackendInfo } from '@classfit/core/tensor';
import type { AppContext } from '../context/app-context.ts';
import type { ErrorLogger } from './errors.ts';
import { createQueueJobControl, type JobControl } from './job-control.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { createPredictiveCache, type PredictiveCache } from './predictive-cache.ts';

/** What every resolver receives as its third argument. */
export interface GraphQLContext {
  readonly app: AppContext;
  readonly loaders: Loaders;
  readonly predictive: PredictiveCache;
  /** The compute backend in use (null before one was initialised). */
  readonly backend: () => BackendInfo | null;
  /** Queues and cancels fit runs. */
  readonly jobs: JobControl;
  /** Poll interval of progress subscriptions, milliseconds. */
  readonly progressPollMs: number;
  readonly logError: ErrorLogger;
}

/** What lives longer than a request. */
export interface GraphQLServices {
  readonly app: AppContext;
  readonly predictive?: PredictiveCache;
  readonly backend?: () => BackendInfo | null;
  /** Default: straight over the fit_runs queue. */
  readonly jobs?: JobControl;
  /** Default 500. */
  readonly progressPollMs?: number;
  readonly logError?: ErrorLogger;
}

/** Returns a factory that builds a fresh context (new loaders) for each request or subscription. */
export function createContextFactory(services: GraphQLServices): () => GraphQLContext {
  const predictive = services.predictive ?? createPredictiveCache();
  const backend = services.backend ?? (() => null);
  const logError: ErrorLogger =
    services.logError ?? ((error) => services.app.log(`graphql: unexpected error: ${(error as Error)?.stack ?? String(error)}`));
  const jobs = services.jobs ?? createQueueJobControl(services.app);
  return () => ({ app: services.app, loaders: createLoaders(services.app.db, services.app.artifacts), predictive, backend, jobs, progressPollMs: services.progressPollMs ?? 500, logError });
}
