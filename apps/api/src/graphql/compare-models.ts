/**
 * `compareModels`: several models side by side, aligned by relative depth. For each layer of the baseline (the
 * first model), every model contributes its layer of nearest relative depth, summarised over classes, with the
 * delta from the baseline and the agreement of the classes' LOW/HIGH groups with the baseline's.
 */
import type { ClassFitRow, FitRunRow, GroupSplitRow, LayerRow, ModelRow } from '@classfit/db';
import { burnInOf, meanAndSd, statisticOf, type ClassStatistic } from './class-statistic.ts';
import type { GraphQLContext } from './context.ts';
import { BadUserInputError, NotFoundError } from './errors.ts';
import { fromGlobalId } from './global-id.ts';

/** One model's layer at an aligned depth. */
export interface AlignedLayerValue {
  readonly model: ModelRow;
  readonly layer: LayerRow | null;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly delta: number | null;
  readonly values: (number | null)[];
  readonly groupSplit: GroupSplitRow | null;
  readonly groupAgreement: number | null;
}

/** The GraphQL `ModelComparison` object. */
export interface ModelComparisonValue {
  readonly statistic: ClassStatistic;
  readonly models: ModelRow[];
  readonly depths: { relativeDepth: number; entries: AlignedLayerValue[] }[];
}

interface ModelData {
  readonly model: ModelRow;
  readonly layers: LayerRow[];
  readonly run: FitRunRow | undefined;
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

async function loadModel(ctx: GraphQLContext, id: string): Promise<ModelData> {
  const model = await ctx.loaders.model.load(fromGlobalId(id, 'Model'));
  if (!model) throw new NotFoundError('Model', id);
  const [layers, run] = await Promise.all([ctx.loaders.layersOfModel.load(model.id), ctx.loaders.latestSucceededRunOfModel.load(model.id)]);
  const [fits, splits] = run ? await Promise.all([ctx.loaders.classFitsOfRun.load(run.id), ctx.loaders.groupSplitsOfRun.load(run.id)]) : [[], []];
  const fitted = new Set(fits.map((f) => f.layerId));
  return { model, layers: run ? layers.filter((l) => fitted.has(l.id)) : layers, run, fits, splits };
}

function entryFor(data: ModelData, depth: number, statistic: ClassStatistic, width: number): Omit<AlignedLayerValue, 'delta' | 'groupAgreement'> & { groups: Map<number, string | null> } {
  const layer = nearestLayer(data.layers, depth);
  const values: (number | null)[] = Array.from({ length: width }, () => null);
  const groups = new Map<number, string | null>();
  const burnIn = burnInOf(data.run);
  for (const fit of data.fits) {
    if (!layer || fit.layerId !== layer.id) continue;
    if (fit.label < width) values[fit.label] = statisticOf(fit, statistic, burnIn);
    groups.set(fit.label, fit.group);
  }
  const { mean, sd } = meanAndSd(values);
  return { model: data.model, layer, mean, sd, values, groupSplit: (layer && data.splits.find((s) => s.layerId === layer.id)) || null, groups };
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

/** Builds the comparison of 2..10 models (global IDs), baseline first. */
export async function compareModels(ctx: GraphQLContext, ids: readonly string[], statistic: ClassStatistic): Promise<ModelComparisonValue> {
  if (ids.length < 2 || ids.length > 10) throw new BadUserInputError('ids', `give 2 to 10 model IDs, got ${ids.length}`);
  if (new Set(ids).size !== ids.length) throw new BadUserInputError('ids', 'must not repeat a model');
  const data = await Promise.all(ids.map((id) => loadModel(ctx, id)));
  const width = 1 + Math.max(-1, ...data.flatMap((d) => d.fits.map((f) => f.label)));
  const depths = data[0].layers.map((baseLayer) => {
    const raw = data.map((d) => entryFor(d, baseLayer.relativeDepth, statistic, width));
    const base = raw[0];
    const entries = raw.map(({ groups, ...entry }, i) => ({
      ...entry,
      delta: i === 0 || entry.mean === null || base.mean === null ? (i === 0 && base.mean !== null ? 0 : null) : entry.mean - base.mean,
      groupAgreement: i === 0 ? null : agreement(base.groups, groups),
    }));
    return { relativeDepth: baseLayer.relativeDepth, entries };
  });
  return { statistic, models: data.map((d) => d.model), depths };
}
