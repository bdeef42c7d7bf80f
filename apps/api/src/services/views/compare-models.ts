/**
 * `compareModels`: several models side by side, aligned by relative depth. For each layer of the baseline (the
 * first model), every model contributes its layer of nearest relative depth, summarised over classes, with the
 * delta from the baseline, the agreement of the classes' LOW/HIGH groups with the baseline's, and the linear CKA
 * of its layer's activations with the baseline layer's (cross-model-similarity.ts) where both models hold the
 * same examples.
 */
import type { ClassFitRow, FitRunRow, GroupSplitRow, LayerRow, ModelRow } from '@classfit/db';
import { burnInOf } from '../cluster-count.ts';
import { meanAndSd, statisticOf, type ClassStatistic } from './class-statistic.ts';
import type { ReadContext } from './read-context.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import { alignedCka, alignedSimilarity } from './cross-model-similarity.ts';
import { fromGlobalId } from './global-id.ts';
import { runsOfLayers } from './run-selection.ts';

/** One model's layer at an aligned depth. */
export interface AlignedLayerValue {
  readonly model: ModelRow;
  readonly layer: LayerRow | null;
  /** The run the layer's values come from. */
  readonly fitRun: FitRunRow | null;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly delta: number | null;
  readonly values: (number | null)[];
  readonly groupSplit: GroupSplitRow | null;
  readonly groupAgreement: number | null;
  /** Debiased linear CKA of this layer's activations with the baseline layer's (null for the baseline, or see `ckaUnavailable`). */
  readonly cka: number | null;
  /** Why `cka` is null for a compared model (different example sets, over the request budget, no layer). */
  readonly ckaUnavailable: string | null;
}

/** The GraphQL `ModelComparison` object. */
export interface ModelComparisonValue {
  readonly statistic: ClassStatistic;
  readonly models: ModelRow[];
  readonly depths: { relativeDepth: number; entries: AlignedLayerValue[] }[];
}

interface ModelData {
  readonly model: ModelRow;
  /** The layers with results, each with the run they come from (its newest succeeded run that fitted it). */
  readonly layers: LayerRow[];
  readonly runs: ReadonlyMap<number, FitRunRow>;
  readonly fits: ClassFitRow[];
  readonly splits: GroupSplitRow[];
}

/** The layer of `layers` nearest `depth` (ties: the shallower one), or null when there are none. */
export function nearestLayer(layers: readonly LayerRow[], depth: number): LayerRow | null {
  let best: LayerRow | null = null;
  for (const layer of layers) {
    const distance = Math.abs(layer.relativeDepth - depth);
    if (!best || distance < Math.abs(best.relativeDepth - depth) - 1e-12) best = layer;
  }
  return best;
}

async function loadModel(ctx: ReadContext, id: string, fitRun: string | undefined): Promise<ModelData> {
  const model = await ctx.loaders.model.load(fromGlobalId(id, 'Model'));
  if (!model) throw new NotFoundError('Model', id);
  const runs = await runsOfLayers(ctx, model.id, fitRun);
  const layers = (await ctx.loaders.layersOfModel.load(model.id)).filter((l) => runs.has(l.id));
  const perLayer = await Promise.all(
    layers.map(async (layer) => {
      const run = runs.get(layer.id)!;
      const [fits, splits] = await Promise.all([ctx.loaders.classFitsOfRun.load(run.id), ctx.loaders.groupSplitsOfRun.load(run.id)]);
      return { fits: fits.filter((f) => f.layerId === layer.id), splits: splits.filter((g) => g.layerId === layer.id) };
    }),
  );
  return { model, layers, runs, fits: perLayer.flatMap((p) => p.fits), splits: perLayer.flatMap((p) => p.splits) };
}

function entryFor(data: ModelData, depth: number, statistic: ClassStatistic, width: number): Omit<AlignedLayerValue, 'delta' | 'groupAgreement' | 'cka' | 'ckaUnavailable'> & { groups: Map<number, string | null> } {
  const layer = nearestLayer(data.layers, depth);
  const values: (number | null)[] = Array.from({ length: width }, () => null);
  const groups = new Map<number, string | null>();
  const run = layer ? data.runs.get(layer.id) : undefined;
  const burnIn = burnInOf(run);
  for (const fit of data.fits) {
    if (!layer || fit.layerId !== layer.id) continue;
    if (fit.label < width) values[fit.label] = statisticOf(fit, statistic, burnIn);
    groups.set(fit.label, fit.group);
  }
  const { mean, sd } = meanAndSd(values);
  return { model: data.model, layer, fitRun: run ?? null, mean, sd, values, groupSplit: (layer && data.splits.find((s) => s.layerId === layer.id)) || null, groups };
}

function agreement(a: Map<number, string | null>, b: Map<number, string | null>): number | null {
  let same = 0;
  let total = 0;
  for (const [label, group] of a) {
    const other = b.get(label);
    if (group == null || other == null) continue;
    total++;
    if (group === other) same++;
  }
  return total ? same / total : null;
}

/**
 * The run named for each compared model (by the model's index in `ids`): every run of `fitRuns` (global IDs) must
 * exist and belong to one of the models, at most one per model.
 */
async function namedRuns(ctx: ReadContext, ids: readonly string[], fitRuns: readonly string[]): Promise<(string | undefined)[]> {
  const modelIds = ids.map((id) => fromGlobalId(id, 'Model'));
  const byModel: (string | undefined)[] = ids.map(() => undefined);
  for (const fitRun of fitRuns) {
    const run = await ctx.loaders.fitRun.load(fromGlobalId(fitRun, 'FitRun'));
    if (!run) throw new NotFoundError('FitRun', fitRun);
    const index = modelIds.indexOf(run.modelId);
    if (index < 0) throw new BadUserInputError('fitRuns', `fit run ${fitRun} belongs to none of the compared models`);
    if (byModel[index] !== undefined) throw new BadUserInputError('fitRuns', `names two runs of model ${ids[index]}`);
    byModel[index] = fitRun;
  }
  return byModel;
}

/** Builds the comparison of 2..10 models (global IDs), baseline first, each from its named run in `fitRuns` or its defaults. */
export async function compareModels(ctx: ReadContext, ids: readonly string[], statistic: ClassStatistic, fitRuns: readonly string[] = []): Promise<ModelComparisonValue> {
  if (ids.length < 2 || ids.length > 10) throw new BadUserInputError('ids', `give 2 to 10 model IDs, got ${ids.length}`);
  if (new Set(ids).size !== ids.length) throw new BadUserInputError('ids', 'must not repeat a model');
  const runs = await namedRuns(ctx, ids, fitRuns);
  const data = await Promise.all(ids.map((id, i) => loadModel(ctx, id, runs[i])));
  const width = 1 + Math.max(-1, ...data.flatMap((d) => d.fits.map((f) => f.label)));
  const similarities = [null, ...(await Promise.all(data.slice(1).map((d) => alignedSimilarity(ctx, data[0], d))))];
  const depths = data[0].layers.map((baseLayer) => {
    const raw = data.map((d) => entryFor(d, baseLayer.relativeDepth, statistic, width));
    const base = raw[0];
    const entries = raw.map(({ groups, ...entry }, i) => ({
      ...entry,
      delta: i === 0 || entry.mean === null || base.mean === null ? (i === 0 && base.mean !== null ? 0 : null) : entry.mean - base.mean,
      groupAgreement: i === 0 ? null : agreement(base.groups, groups),
      ...(similarities[i] ? alignedCka(similarities[i], baseLayer, entry.layer) : { cka: null, ckaUnavailable: null }),
    }));
    return { relativeDepth: baseLayer.relativeDepth, entries };
  });
  return { statistic, models: data.map((d) => d.model), depths };
}
