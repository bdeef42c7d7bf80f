/**
 * Analyse a model: `requestAnalysis` validates the options against the model
 * and queues a fit run (idempotent: the same model + config is the same run);
 * `runAnalysis` does the work of a claimed run (SVD per layer, the fits, every
 * analysis), resuming from the run's checkpoint, and stores all results in one
 * transaction. Jobs, the CLI and the GraphQL mutations all come through here.
 */
import { createHash } from 'node:crypto';
import type { SamplerWorkerPool } from '@classfit/core/dpgmm';
import { initBackend } from '@classfit/core/tensor';
import {
  classesByDatasetIds, enqueueRun, examplesOfModel, findModel, getModel, layersByModelIds, memorizationSubsetsOfModel,
  setRunBackend, type FitRunRow, type LayerRow, type ModelRow, type RunProgress,
} from '@classfit/db';
import type { AppContext } from '../context/app-context.ts';
import { analysisOptionsSchema, defaultReducedDim, type AnalysisOptions, type AnalysisOptionsInput } from './analysis-options.ts';
import { analyzeLayer, type LayerResults, type RunData } from './analysis/analyze-layer.ts';
import { createStepRunner } from './analysis/fit-step.ts';
import type { LayerScheduleKind } from './analysis/layer-schedule.ts';
import { withSamplerWorkers } from './analysis/sampler-workers.ts';
import { loadLayerInput, selectRows, type LayerInput } from './analysis/layer-input.ts';
import { loadCheckpoint } from './analysis/run-checkpoint.ts';
import { storeResults } from './analysis/store-results.ts';
import { MODEL_STEPS, type ModelStepLayer } from './analysis/steps/index.ts';
import { CancelledError, NotFoundError, ValidationError, type Problem } from './errors.ts';
import type { SubsetName } from './import/subset-selection.ts';

/** Options with layers and per-layer reduction resolved against the model: the stored run config. */
export type AnalysisConfig = AnalysisOptions & { readonly layers: string[]; readonly reduce: number[] };

/** Validates `input` for `model`; returns the resolved config and its key. Throws {@link ValidationError} listing every problem. */
export async function resolveAnalysisConfig(ctx: Pick<AppContext, 'db'>, model: ModelRow, input: AnalysisOptionsInput = {}): Promise<{ config: AnalysisConfig; configKey: string }> {
  const parsed = analysisOptionsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'options', message: i.message })), 'invalid analysis options');
  const options = parsed.data;
  const layers = await layersByModelIds(ctx.db, [model.id]);
  const problems: Problem[] = [];
  const names = options.layers ?? layers.map((l) => l.name);
  const selected = names.map((name) => layers.find((l) => l.name === name));
  names.forEach((name, i) => {
    if (!selected[i]) problems.push({ field: 'layers', message: `model "${model.name}" has no layer "${name}" (it has ${layers.map((l) => l.name).join(', ') || 'none'})` });
  });
  if (options.reduce && options.reduce.length !== 1 && options.reduce.length !== names.length) {
    problems.push({ field: 'reduce', message: `give one value or one per layer (${names.length}); got ${options.reduce.length}` });
  }
  const reduce = selected.map((layer, i) => {
    if (!layer) return 0;
    const k = options.reduce ? (options.reduce[i] ?? options.reduce[0]) : defaultReducedDim(layer.index, layers.length, layer.dim);
    if (k > Math.min(layer.dim, layer.exampleCount)) problems.push({ field: 'reduce', message: `${k} exceeds layer ${layer.name}'s dimension ${layer.dim}` });
    return k;
  });
  if (problems.length > 0) throw new ValidationError(problems, 'invalid analysis options');
  const config: AnalysisConfig = { ...options, layers: names, reduce };
  return { config, configKey: createHash('sha256').update(stableJson(config)).digest('hex').slice(0, 32) };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Queues the analysis of a model (by id or name). Same model + same resolved options → the same run:
 * a queued/running one is returned as is, a failed/cancelled one re-queued (it resumes), and with `rerun`
 * a succeeded one is recomputed as a new run from scratch (the old run keeps its results; see enqueueRun).
 */
export async function requestAnalysis(
  ctx: Pick<AppContext, 'db'>,
  model: string | number,
  input: AnalysisOptionsInput = {},
  options: { rerun?: boolean; task?: string } = {},
): Promise<{ run: FitRunRow; created: boolean; model: ModelRow }> {
  const row = typeof model === 'number' ? await getModel(ctx.db, model) : await findModel(ctx.db, model);
  if (!row) throw new NotFoundError('model', String(model));
  const { config, configKey } = await resolveAnalysisConfig(ctx, row, input);
  const queued = await enqueueRun(ctx.db, { modelId: row.id, task: options.task ?? 'analyze-model', configKey, config: config as unknown as Record<string, unknown>, seed: config.seed }, options);
  return { ...queued, model: row };
}

/** Hooks of {@link runAnalysis}. */
export interface RunAnalysisHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Worker threads for the sampler (does not change results). */
  readonly workers?: number;
  /** How each layer's steps are scheduled (analysis/layer-schedule.ts; default lanes; does not change results). */
  readonly schedule?: LayerScheduleKind;
}

/** Summary of a finished analysis, per layer. */
export interface AnalysisSummary {
  readonly runId: number;
  readonly backend: string;
  readonly layers: { name: string; reducedDim: number; varianceFraction: number; classes: number; split: LayerResults['split']; genclass: { subset: string; f1: number }[]; kl: { subset: string; mean: number }[] }[];
}

/** What every part of a run reads first: its model, config, backend, the selected rows and the shared data. */
export interface PreparedRun {
  readonly model: ModelRow;
  readonly config: AnalysisConfig;
  readonly backend: string;
  readonly rows: Int32Array;
  /** Example row id of selected row i. */
  readonly exampleIds: Int32Array;
  readonly data: RunData;
  readonly layers: LayerRow[];
}

/** Loads a run's model, config and data, and initialises (and records) its backend. */
export async function prepareRun(ctx: Pick<AppContext, 'db' | 'backendPreference'>, run: FitRunRow): Promise<PreparedRun> {
  const model = await getModel(ctx.db, run.modelId);
  if (!model) throw new NotFoundError('model', String(run.modelId));
  const config: AnalysisConfig = { ...analysisOptionsSchema.parse(run.config), layers: run.config.layers as string[], reduce: run.config.reduce as number[] };
  const backend = (await initBackend(ctx.backendPreference)).name;
  await setRunBackend(ctx.db, run.id, backend);
  const examples = await examplesOfModel(ctx.db, model.id);
  const rows = selectRows(Int32Array.from(examples, (e) => e.label), config.examplesPerClass);
  const data = await runData(ctx, model, examples, rows);
  const layers = await layersByModelIds(ctx.db, [model.id]);
  return { model, config, backend, rows, exampleIds: Int32Array.from(rows, (r) => examples[r].id), data, layers };
}

/** The layer of a prepared run at config position `li`, reduced (SVD). */
export async function loadRunLayer(ctx: Pick<AppContext, 'artifacts'>, prepared: PreparedRun, li: number): Promise<LayerInput> {
  const name = prepared.config.layers[li];
  const layer = prepared.layers.find((l) => l.name === name);
  if (!layer) throw new NotFoundError('layer', name);
  return loadLayerInput(ctx.artifacts, layer, prepared.rows, prepared.config.reduce[li]);
}

/** Runs every enabled model step over the run's layers; results by step name. */
export async function runModelSteps(prepared: PreparedRun, layers: readonly ModelStepLayer[], progress: (phase: string) => void): Promise<Map<string, unknown>> {
  const results = new Map<string, unknown>();
  for (const step of MODEL_STEPS) {
    if (!step.enabled(prepared.config)) continue;
    results.set(step.name, await step.run({ data: prepared.data, options: prepared.config, layers, progress }));
  }
  return results;
}

/** Does the work of a claimed run; throws CancelledError when `signal` aborts (the checkpoint stays for resuming). */
export async function runAnalysis(ctx: Pick<AppContext, 'db' | 'artifacts' | 'backendPreference'>, run: FitRunRow, hooks: RunAnalysisHooks = {}): Promise<AnalysisSummary> {
  return withSamplerWorkers(hooks.workers, (workerPool) => analyzeRun(ctx, run, hooks, workerPool));
}

async function analyzeRun(ctx: Pick<AppContext, 'db' | 'artifacts' | 'backendPreference'>, run: FitRunRow, hooks: RunAnalysisHooks, workerPool: SamplerWorkerPool): Promise<AnalysisSummary> {
  const prepared = await prepareRun(ctx, run);
  const { config, backend, data } = prepared;
  const emit = (p: Omit<RunProgress, 'backend' | 'updatedAt'>) => hooks.onProgress?.({ ...p, backend, updatedAt: new Date().toISOString() });
  emit({ phase: 'load' });
  let current: Omit<RunProgress, 'backend' | 'updatedAt'> = { phase: 'load' };
  const steps = createStepRunner({
    db: ctx.db, artifacts: ctx.artifacts, runId: run.id, checkpoint: await loadCheckpoint(ctx.artifacts, run.checkpointArtifact, run.configKey), checkpointKey: run.checkpointArtifact,
    checkpointEverySweeps: config.checkpointEverySweeps, workers: hooks.workers, workerPool, signal: hooks.signal,
    onSweep: (step, p) => emit({ ...current, phase: 'fit', message: step, sweep: p.sweep, totalSweeps: p.totalSweeps, classCount: p.classCount, etaMs: p.etaMs }),
  });
  const results: LayerResults[] = [];
  for (const [li, name] of config.layers.entries()) {
    current = { phase: 'svd', layer: name, layerIndex: li, layerCount: config.layers.length, classCount: undefined };
    emit(current);
    const input = await loadRunLayer(ctx, prepared, li);
    results.push(await analyzeLayer(input, data, config, steps, (phase) => {
      current = { ...current, phase };
      emit(current);
    }, hooks.schedule));
    if (hooks.signal?.aborted) throw new CancelledError(`analysis interrupted after layer ${name}; it resumes from the last checkpoint`);
  }
  await workerPool.dispose(); // the last fit is done: no idle threads beside the model-level steps
  const modelResults = await runModelSteps(prepared, results, (phase) => emit({ phase }));
  emit({ phase: 'store' });
  await storeResults(ctx.db, ctx.artifacts, run.id, results, prepared.exampleIds, modelResults);
  return {
    runId: run.id,
    backend,
    layers: results.map((r) => ({
      name: r.input.layer.name, reducedDim: r.input.k, varianceFraction: r.input.svdSummary.varianceFraction, classes: r.classCount, split: r.split,
      genclass: r.genclass.map((g) => ({ subset: g.subset, f1: g.f1Mean })), kl: r.kl.map((k) => ({ subset: k.subset, mean: k.mean })),
    })),
  };
}

async function runData(ctx: Pick<AppContext, 'db'>, model: ModelRow, examples: { index: number; label: number; memorization: number | null }[], rows: Int32Array): Promise<RunData> {
  const positionOf = new Map<number, number>();
  rows.forEach((row, p) => positionOf.set(examples[row].index, p));
  const labels = Int32Array.from(rows, (r) => examples[r].label);
  const hasMemorization = rows.length > 0 && Array.from(rows).every((r) => examples[r].memorization !== null);
  const toPositions = (indices: number[]) => Int32Array.from(indices.map((i) => positionOf.get(i)).filter((p): p is number => p !== undefined));
  const genclass = new Map<SubsetName, Int32Array>();
  const kl = new Map<SubsetName, Int32Array>();
  for (const subset of await memorizationSubsetsOfModel(ctx.db, model.id)) {
    (subset.purpose === 'kl' ? kl : genclass).set(subset.name as SubsetName, toPositions(subset.indices));
  }
  const classNames = new Map((await classesByDatasetIds(ctx.db, [model.datasetId])).map((c) => [c.label, c.name]));
  return { labels, memorization: hasMemorization ? Float64Array.from(rows, (r) => examples[r].memorization!) : null, classNames, genclass, kl };
}
