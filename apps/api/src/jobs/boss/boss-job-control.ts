/**
 * Job control over pg-boss: queuing an analysis creates (or re-queues) the run, then sends one job per layer that
 * is not done yet; cancel ends a queued run at once (and cancels its layers' pending jobs) or flags a running one,
 * whose workers see the flag with their next heartbeat and stop.
 */
import { finishLayerJob, getModel, getRun, layerJobsOfRun, prepareLayerJobs, requestRunCancel, type FitRunRow } from '@classfit/db';
import type { AppContext } from '../../context/app-context.ts';
import type { AnalysisOptionsInput } from '../../services/analysis-options.ts';
import { requestAnalysis } from '../../services/analyze-model.ts';
import { summarizeRun } from '../../services/analyze-run-layer.ts';
import { ConflictError, NotFoundError } from '../../services/errors.ts';
import { toGlobalId } from '../../services/views/global-id.ts';
import type { JobControl } from '../job-control.ts';
import { LAYER_QUEUE, LAYERS_TASK, type LayerJobData, type PgBoss } from './boss.ts';

/**
 * Sends the pg-boss job of every queued layer of `run`, under the id its row holds (so a job another dispatcher sent
 * already is not sent twice); a run whose layers are all done gets its summary.
 */
export async function dispatchLayers(app: Pick<AppContext, 'db' | 'artifacts' | 'backendPreference'>, boss: PgBoss, run: FitRunRow): Promise<number> {
  const layers = run.config.layers as string[];
  const pending = await prepareLayerJobs(app.db, run.id, layers);
  for (const row of pending) {
    const data: LayerJobData = { runId: run.id, layer: row.layer };
    await boss.send(LAYER_QUEUE, data as unknown as object, { id: row.jobId });
  }
  if (pending.length === 0 && (await layerJobsOfRun(app.db, run.id)).every((l) => l.status === 'succeeded')) await summarizeRun(app, run);
  return pending.length;
}

/**
 * Queues the analysis of `model` (id or name) as layer jobs: creates (or re-queues, see requestAnalysis) its run
 * and sends every layer job it still needs; returns the run as it is now. The GraphQL mutation and
 * `classfit analyze` on PostgreSQL both come through here.
 */
export async function queueLayerAnalysis(
  app: Pick<AppContext, 'db' | 'artifacts' | 'backendPreference'>,
  boss: PgBoss,
  model: string | number,
  options: AnalysisOptionsInput,
  flags: { rerun?: boolean } = {},
): Promise<Awaited<ReturnType<typeof requestAnalysis>>> {
  const queued = await requestAnalysis(app, model, options, { ...flags, task: LAYERS_TASK });
  if (queued.run.status === 'queued') await dispatchLayers(app, boss, queued.run);
  return { ...queued, run: (await getRun(app.db, queued.run.id)) ?? queued.run };
}

/** {@link JobControl} over pg-boss. */
export function createBossJobControl(app: Pick<AppContext, 'db' | 'artifacts' | 'backendPreference'>, boss: PgBoss): JobControl {
  return {
    async startAnalysis(modelId, options) {
      if (!(await getModel(app.db, modelId))) throw new NotFoundError('Model', toGlobalId('Model', modelId));
      return (await queueLayerAnalysis(app, boss, modelId, options)).run;
    },
    async cancel(runId) {
      const run = await requestRunCancel(app.db, runId);
      if (!run) throw new NotFoundError('FitRun', toGlobalId('FitRun', runId));
      if (run.status !== 'cancelled' && !run.cancelRequested) {
        throw new ConflictError(`fit run ${toGlobalId('FitRun', runId)} has already ${run.status}`);
      }
      for (const layer of await layerJobsOfRun(app.db, runId)) {
        if (layer.status !== 'queued') continue;
        if (layer.jobId) await boss.cancel(LAYER_QUEUE, layer.jobId);
        await finishLayerJob(app.db, runId, layer.layer, 'cancelled', 'cancelled on request');
      }
      return run;
    },
  };
}
