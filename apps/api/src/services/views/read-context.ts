/**
 * What every read model receives: the application (database, artifact store), the caller, the request's
 * DataLoaders (which see only the caller's projects), the process-wide cache of parsed predictive models, the
 * request's budget and the process-wide gate in front of scoring.
 * GraphQL's per-request context is one; the export routes build the same thing.
 */
import type { AppContext } from '../../context/app-context.ts';
import { readableProjects, type Caller } from '../auth/caller.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { createPredictiveCache, type PredictiveCache } from './predictive-cache.ts';
import { createRequestBudget, type RequestBudget } from './request-budget.ts';
import { sharedScoringGate, type WorkGate } from './work-gate.ts';

/** The read side's per-request context. */
export interface ReadContext {
  readonly app: AppContext;
  /** Who is asking; listings filter by `readableProjects(caller)`, the loaders hide rows of other projects. */
  readonly caller: Caller;
  readonly loaders: Loaders;
  readonly predictive: PredictiveCache;
  /** What this request may still spend (points scored, objects listed); fresh per request. */
  readonly budget: RequestBudget;
  /** The process-wide gate in front of fitted-density work. */
  readonly scoring: WorkGate;
}

/** A read context over `app` for `caller`, with fresh loaders scoped to its projects (and a fresh predictive cache unless one is shared). */
export function createReadContext(app: AppContext, caller: Caller, predictive: PredictiveCache = createPredictiveCache()): ReadContext {
  return { app, caller, loaders: createLoaders(app.db, app.artifacts, readableProjects(caller)), predictive, budget: createRequestBudget(), scoring: sharedScoringGate };
}
