/** The layer × class matrix of one statistic for a model's run, built from the request's loaders in one pass. */
import type { FitRunRow, GroupSplitRow, LayerRow } from '@classfit/db';
import { burnInOf, statisticOf, type ClassStatistic } from './class-statistic.ts';
import type { GraphQLContext } from './context.ts';
import { toNumericArray, type NumericArrayValue } from './numeric/numeric-array.ts';

/** The GraphQL `Heatmap` object. */
export interface HeatmapValue {
  readonly statistic: ClassStatistic;
  readonly fitRun: FitRunRow;
  readonly labels: number[];
  readonly rows: { layer: LayerRow; values: (number | null)[]; groupSplit: GroupSplitRow | null }[];
  readonly matrix: NumericArrayValue;
}

/** Builds the heatmap of `run` (a run of `modelId`): rows are the layers that have fits, shallowest first. */
export async function buildHeatmap(ctx: GraphQLContext, modelId: number, run: FitRunRow, statistic: ClassStatistic): Promise<HeatmapValue> {
  const [layers, fits, splits] = await Promise.all([
    ctx.loaders.layersOfModel.load(modelId),
    ctx.loaders.classFitsOfRun.load(run.id),
    ctx.loaders.groupSplitsOfRun.load(run.id),
  ]);
  const labels = [...new Set(fits.map((f) => f.label))].sort((a, b) => a - b);
  const column = new Map(labels.map((label, i) => [label, i]));
  const burnIn = burnInOf(run);
  const rows = layers
    .filter((layer) => fits.some((f) => f.layerId === layer.id))
    .map((layer) => {
      const values: (number | null)[] = labels.map(() => null);
      for (const fit of fits) if (fit.layerId === layer.id) values[column.get(fit.label)!] = statisticOf(fit, statistic, burnIn);
      return { layer, values, groupSplit: splits.find((s) => s.layerId === layer.id) ?? null };
    });
  const flat = rows.flatMap((row) => row.values.map((v) => v ?? Number.NaN));
  return { statistic, fitRun: run, labels, rows, matrix: toNumericArray(flat, [rows.length, labels.length]) };
}
