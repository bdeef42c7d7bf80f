/** The layer × class matrix of one statistic for a model's run, built from the request's loaders in one pass. */
import type { FitRunRow, GroupSplitRow, LayerRow } from '@classfit/db';
import { burnInOf } from '../cluster-count.ts';
import { statisticOf, type ClassStatistic } from './class-statistic.ts';
import type { ReadContext } from './read-context.ts';
import { toNumericArray, type NumericArrayValue } from './numeric/numeric-array.ts';

/** The GraphQL `Heatmap` object. */
export interface HeatmapValue {
  readonly statistic: ClassStatistic;
  /** The newest of the rows' runs. */
  readonly fitRun: FitRunRow;
  readonly labels: number[];
  readonly rows: { layer: LayerRow; fitRun: FitRunRow; values: (number | null)[]; groupSplit: GroupSplitRow | null }[];
  readonly matrix: NumericArrayValue;
}

/**
 * Builds the heatmap from each layer's run (`runs`: layer id → run, e.g. from runsOfLayers): rows are the layers
 * that have fits, shallowest first; null when no layer has any.
 */
export async function buildHeatmap(ctx: ReadContext, modelId: number, runs: ReadonlyMap<number, FitRunRow>, statistic: ClassStatistic): Promise<HeatmapValue | null> {
  const layers = (await ctx.loaders.layersOfModel.load(modelId)).filter((layer) => runs.has(layer.id));
  const perLayer = await Promise.all(
    layers.map(async (layer) => {
      const run = runs.get(layer.id)!;
      const [fits, splits] = await Promise.all([ctx.loaders.classFitsOfRun.load(run.id), ctx.loaders.groupSplitsOfRun.load(run.id)]);
      return { layer, run, fits: fits.filter((f) => f.layerId === layer.id), split: splits.find((s) => s.layerId === layer.id) ?? null };
    }),
  );
  const filled = perLayer.filter((p) => p.fits.length > 0);
  if (filled.length === 0) return null;
  const labels = [...new Set(filled.flatMap((p) => p.fits.map((f) => f.label)))].sort((a, b) => a - b);
  const column = new Map(labels.map((label, i) => [label, i]));
  const rows = filled.map(({ layer, run, fits, split }) => {
    const burnIn = burnInOf(run);
    const values: (number | null)[] = labels.map(() => null);
    for (const fit of fits) values[column.get(fit.label)!] = statisticOf(fit, statistic, burnIn);
    return { layer, fitRun: run, values, groupSplit: split };
  });
  const newest = rows.reduce((a, b) => (b.fitRun.id > a.fitRun.id ? b : a)).fitRun;
  const flat = rows.flatMap((row) => row.values.map((v) => v ?? Number.NaN));
  return { statistic, fitRun: newest, labels, rows, matrix: toNumericArray(flat, [rows.length, labels.length]) };
}
