/**
 * What the mutations need from the job system: queue an analysis (returning the queued run at once) and cancel
 * a run. The server wires this to the jobs module; tests may pass their own.
 */
import { createHash } from 'node:crypto';
import { enqueueRun, getModel, requestRunCancel, type FitRunRow } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { ValidationError } from '../services/errors.ts';
import { analysisOptionsSchema, type AnalysisOptionsInput } from '../services/analysis-options.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { toGlobalId } from './global-id.ts';

/** Queue and cancel fit runs. */
export interface JobControl {
  /** Validates `options`, queues (or returns the existing identical) run of `modelId`; throws ValidationError/NotFoundError. */
  startAnalysis(modelId: number, options: AnalysisOptionsInput): Promise<FitRunRow>;
  /** Cancels a queued run or asks a running one to stop; throws NotFoundError/ConflictError. */
  cancel(runId: number): Promise<FitRunRow>;
  /** Called after a run was queued, e.g. to wake an in-process worker. */
  readonly onQueued?: (run: FitRunRow) => void;
}

/** Job control straight over the fit_runs queue (the worker picks runs up from there). */
export function createQueueJobControl(app: Pick<AppContext, 'db'>, onQueued?: (run: FitRunRow) => void): JobControl {
  return {
    onQueued,
    async startAnalysis(modelId, options) {
      if (!(await getModel(app.db, modelId))) throw new NotFoundError('Model', toGlobalId('Model', modelId));
      const parsed = analysisOptionsSchema.safeParse(options);
      if (!parsed.success) {
        throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'input', message: i.message })));
      }
      const config = parsed.data as unknown as Record<string, unknown>;
      const configKey = createHash('sha256').update(JSON.stringify(config)).digest('hex');
      const { run } = await enqueueRun(app.db, { modelId, configKey, config, seed: parsed.data.seed });
      onQueued?.(run);
      return run;
    },
    async cancel(runId) {
      const run = await requestRunCancel(app.db, runId);
      if (!run) throw new NotFoundError('FitRun', toGlobalId('FitRun', runId));
      if (run.status !== 'cancelled' && !run.cancelRequested) throw new ConflictError(`fit run ${toGlobalId('FitRun', runId)} already ${run.status}`);
      return run;
    },
  };
}
