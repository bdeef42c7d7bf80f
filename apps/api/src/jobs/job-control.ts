/**
 * What the mutations need from the job system: queue an analysis (returning the queued run at once) and cancel
 * a run. Both go through the same service and queue functions as the CLI; `onQueued` lets the server wake its
 * in-process worker.
 */
import { getModel, requestRunCancel, type FitRunRow } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import type { AnalysisOptionsInput } from '../services/analysis-options.ts';
import { requestAnalysis } from '../services/analyze-model.ts';
import { ConflictError, NotFoundError } from '../services/errors.ts';
import { toGlobalId } from '../services/views/global-id.ts';

/** Queue and cancel fit runs. */
export interface JobControl {
  /** Validates `options`, queues (or returns the existing identical) run of `modelId`; throws ValidationError/NotFoundError. */
  startAnalysis(modelId: number, options: AnalysisOptionsInput): Promise<FitRunRow>;
  /** Cancels a queued run or asks a running one to stop; throws NotFoundError/ConflictError. */
  cancel(runId: number): Promise<FitRunRow>;
}

/** Job control over the fit_runs queue; `onQueued` is called with every queued run (e.g. to wake a worker). */
export function createQueueJobControl(app: Pick<AppContext, 'db'>, onQueued?: (run: FitRunRow) => void): JobControl {
  return {
    async startAnalysis(modelId, options) {
      if (!(await getModel(app.db, modelId))) throw new NotFoundError('Model', toGlobalId('Model', modelId));
      const { run } = await requestAnalysis(app, modelId, options);
      onQueued?.(run);
      return run;
    },
    async cancel(runId) {
      const run = await requestRunCancel(app.db, runId);
      if (!run) throw new NotFoundError('FitRun', toGlobalId('FitRun', runId));
      if (run.status !== 'cancelled' && !run.cancelRequested) {
        throw new ConflictError(`fit run ${toGlobalId('FitRun', runId)} has already ${run.status}`);
      }
      return run;
    },
  };
}
