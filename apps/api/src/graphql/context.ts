/**
 * The per-request GraphQL context: the read side's context (db, artifacts, the caller, fresh DataLoaders scoped to
 * the caller's projects, the process-wide predictive-model cache), the services behind the mutations, and where
 * unexpected errors are logged.
 */
import type { BackendInfo } from '@classfit/core/tensor';
import type { AppContext } from '../context/app-context.ts';
import type { Caller } from '../services/auth/caller.ts';
import type { ErrorLogger } from '../services/errors.ts';
import type { ImportRoots } from '../services/import/server-paths.ts';
import { readableProjects } from '../services/auth/caller.ts';
import { createQueueJobControl, type JobControl } from '../jobs/job-control.ts';
import { createLoaders } from '../services/views/loaders.ts';
import { createPredictiveCache, type PredictiveCache } from '../services/views/predictive-cache.ts';
import { createSharedReads, type SharedReads } from '../services/views/shared-reads.ts';
import type { ReadContext } from '../services/views/read-context.ts';
import { createRequestBudget, type RequestLimits } from '../services/views/request-budget.ts';
import { sharedScoringGate, type WorkGate } from '../services/views/work-gate.ts';

/** What every resolver receives as its third argument. */
export interface GraphQLContext extends ReadContext {
  /** The compute backend in use (null before one was initialised). */
  readonly backend: () => BackendInfo | null;
  /** Queues and cancels fit runs. */
  readonly jobs: JobControl;
  /** Poll interval of progress subscriptions, milliseconds. */
  readonly progressPollMs: number;
  readonly logError: ErrorLogger;
  /** The server's start-up line about access (open or tokens), for `viewer.access`. */
  readonly accessLine: string;
  /** Where `importModel(input: { path })` may read (CLASSFIT_IMPORT_ROOTS). */
  readonly importRoots: ImportRoots;
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
  /** The start-up line about access; default: none given. */
  readonly accessLine?: string;
  /** Where server paths may point; default none (path imports refused) — `unrestricted` only for an open owner. */
  readonly importRoots?: ImportRoots;
  /** The gate in front of scoring; default: the process's. */
  readonly scoring?: WorkGate;
  /** Per-request limits; default REQUEST_BUDGET. */
  readonly requestBudget?: RequestLimits;
  /** Rows shared by the read-only requests of one data version; default a fresh set for this factory. */
  readonly sharedReads?: SharedReads;
}

/**
 * Returns a factory that builds a fresh context (new loaders, scoped to `caller`) for each request or subscription.
 * Given the store data version a read-only request read first, its loaders share the rows read at that version.
 */
export function createContextFactory(services: GraphQLServices): (caller: Caller, version?: string) => GraphQLContext {
  const predictive = services.predictive ?? createPredictiveCache();
  const backend = services.backend ?? (() => null);
  const logError: ErrorLogger =
    services.logError ?? ((error) => services.app.log(`graphql: unexpected error: ${(error as Error)?.stack ?? String(error)}`));
  const jobs = services.jobs ?? createQueueJobControl(services.app);
  const accessLine = services.accessLine ?? 'access: not stated';
  const sharedReads = services.sharedReads ?? createSharedReads();
  return (caller, version) => ({
    app: services.app,
    caller,
    loaders: createLoaders(services.app.db, services.app.artifacts, readableProjects(caller), version === undefined ? undefined : sharedReads.at(version)),
    predictive,
    budget: createRequestBudget(services.requestBudget),
    scoring: services.scoring ?? sharedScoringGate,
    backend,
    jobs,
    progressPollMs: services.progressPollMs ?? 500,
    logError,
    accessLine,
    importRoots: services.importRoots ?? [],
  });
}
