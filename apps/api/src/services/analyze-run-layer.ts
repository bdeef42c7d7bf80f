/**
 * One layer of a run as its own job (the pg-boss dispatcher): {@link analyzeRunLayer} computes the layer exactly
 * as the in-process run does (same rows, same RNG streams: a layer's seed stream is its index), resuming from the
 * layer's own checkpoint, and stores it in one transaction that also marks the layer done; {@link summarizeRun}
 * then runs the model-level steps once every layer of the run is done — exactly once, under a row lock on the run.
 */
import type { SamplerWorkerPool } from '@classfit/core/dpgmm';
import { finishLayerJob, finishRun, layerJobsOfRun, lockRun, updateLayerJob, type FitRunLayerRow, type FitRunRow, type RunProgress } from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { analyzeLayer } from './analysis/analyze-layer.ts';
import { createStepRunner } from './analysis/fit-step.ts';
import { withSamplerWorkers } from './analysis/sampler-workers.ts';
import { loadCheckpoint } from './analysis/run-checkpoint.ts';
import { storeLayerResults, storeModelResults } from './analysis/store-results.ts';
import { loadRunLayer, prepareRun, runModelSteps, type RunAnalysisHooks } from './analyze-model.ts';
import { CancelledError, NotFoundError } from './errors.ts';

/** Context a layer job needs. */
export type LayerJobContext = Pick<AppContext, 'db' | 'artifacts' | 'backendPreference'>;

/** Computes and stores layer `row.layer` of `run`; returns the backend it ran on. Throws CancelledError when `signal` aborts. */
export async function analyzeRunLayer(ctx: LayerJobContext, run: FitRunRow, row: FitRunLayerRow, hooks: RunAnalysisHooks = {}): Promise<{ backend: string }> {
  return withSamplerWorkers(hooks.workers, (workerPool) => analyzeLayerJob(ctx, run, row, hooks, workerPool));
}

async function analyzeLayerJob(ctx: LayerJobContext, run: FitRunRow, row: FitRunLayerRow, hooks: RunAnalysisHooks, workerPool: SamplerWorkerPool): Promise<{ backend: string }> {
  const prepared = await prepareRun(ctx, run);
  const { config, backend } = prepared;
  await updateLayerJob(ctx.db, run.id, row.layer, { backend });
  const li = config.layers.indexOf(row.layer);
  if (li < 0) throw new NotFoundError('layer', row.layer);
  let current: Omit<RunProgress, 'backend' | 'updatedAt'> = { phase: 'svd', layer: row.layer, layerIndex: li, layerCount: config.layers.length };
  const emit = (p: Omit<RunProgress, 'backend' | 'updatedAt'>) => hooks.onProgress?.({ ...p, backend, updatedAt: new Date().toISOString() });
  emit(current);
  const steps = createStepRunner({
    db: ctx.db, artifacts: ctx.artifacts, runId: run.id,
    checkpoint: await loadCheckpoint(ctx.artifacts, row.checkpointArtifact, run.configKey), checkpointKey: row.checkpointArtifact,
    recordCheckpoint: (key) => updateLayerJob(ctx.db, run.id, row.layer, { checkpointArtifact: key }),
    checkpointEverySweeps: config.checkpointEverySweeps, workers: hooks.workers, workerPool, signal: hooks.signal,
    onSweep: (step, p) => emit({ ...current, phase: 'fit', message: step, sweep: p.sweep, totalSweeps: p.totalSweeps, classCount: p.classCount, etaMs: p.etaMs }),
  });
  const input = await loadRunLayer(ctx, prepared, li);
  const results = await analyzeLayer(input, prepared.data, config, steps, (phase) => {
    current = { ...current, phase };
    emit(current);
  }, hooks.schedule);
  await workerPool.dispose(); // the layer's fits are done
  if (hooks.signal?.aborted) throw new CancelledError(`layer ${row.layer} interrupted; it resumes from its checkpoint`);
  await storeLayerResults(ctx.db, ctx.artifacts, run.id, results, prepared.exampleIds, (tx) => finishLayerJob(tx, run.id, row.layer, 'succeeded'));
  return { backend };
}

/**
 * Runs the model-level steps of `run` and marks it succeeded, when every layer is done and nobody did so yet;
 * returns whether this call did. Safe to call from every layer job (and again on retry): the model results are
 * computed outside the lock (the layers' inputs reloaded), then stored under `SELECT … FOR UPDATE` on the run,
 * which only the first caller finds unfinished.
 */
export async function summarizeRun(ctx: LayerJobContext, run: FitRunRow, log: readonly string[] = []): Promise<boolean> {
  const pending = (await layerJobsOfRun(ctx.db, run.id)).filter((l) => l.status !== 'succeeded');
  if (pending.length > 0) return false;
  const prepared = await prepareRun(ctx, run);
  const inputs = [];
  for (const li of prepared.config.layers.keys()) inputs.push({ input: await loadRunLayer(ctx, prepared, li) });
  const modelResults = await runModelSteps(prepared, inputs, () => undefined);
  return ctx.db.transaction(async (tx) => {
    const locked = await lockRun(tx, run.id);
    if (!locked || locked.status === 'succeeded' || locked.status === 'cancelled' || locked.status === 'failed') return false;
    if ((await layerJobsOfRun(tx, run.id)).some((l) => l.status !== 'succeeded')) return false;
    await storeModelResults(tx, run.id, prepared.exampleIds, modelResults);
    await finishRun(tx, run.id, { status: 'succeeded', progress: { phase: 'done', backend: prepared.backend }, log: [...log, `summary (model-level steps) stored; run succeeded`] });
    return true;
  });
}
