/** Resolvers of the per-layer analyses: `GroupSplit`, `GenerativeClassification`, `KLMatrix`, `DensityBin`. */
import type { DensityBinRow, GenclassResultRow, GroupSplitRow, KlMatrixRow } from '@classfit/db';
import type { BinRobustness } from '../../services/robustness/bin-robustness.ts';
import type { GraphQLContext } from '../context.ts';
import { klMatrixOf, klNeighbours } from '../kl-matrix.ts';
import { toNumericArray } from '../numeric/numeric-array.ts';
import { globalIdOf } from './shared.ts';

type Located = { runId: number; layerId: number };
const layerOf = (row: Located, _: unknown, ctx: GraphQLContext) => ctx.loaders.layer.load(row.layerId);
const runOf = (row: Located, _: unknown, ctx: GraphQLContext) => ctx.loaders.fitRun.load(row.runId);

async function labelsInGroup(row: GroupSplitRow, ctx: GraphQLContext, group: 'low' | 'high'): Promise<number[]> {
  const fits = await ctx.loaders.classFitsOfRun.load(row.runId);
  return fits.filter((f) => f.layerId === row.layerId && f.group === group).map((f) => f.label);
}

export const GroupSplit = {
  id: globalIdOf('GroupSplit'),
  layer: layerOf,
  fitRun: runOf,
  lowLabels: (row: GroupSplitRow, _: unknown, ctx: GraphQLContext) => labelsInGroup(row, ctx, 'low'),
  highLabels: (row: GroupSplitRow, _: unknown, ctx: GraphQLContext) => labelsInGroup(row, ctx, 'high'),
};

export const GenerativeClassification = {
  layer: layerOf,
  fitRun: runOf,
  exampleCount: (row: GenclassResultRow) => row.exampleCount,
};

export const KLMatrix = {
  layer: layerOf,
  fitRun: runOf,
  matrix: async (row: KlMatrixRow, _: unknown, ctx: GraphQLContext) => {
    const m = await klMatrixOf(ctx, row);
    return toNumericArray(m.values, [m.size, m.size]);
  },
  rows: async (row: KlMatrixRow, _: unknown, ctx: GraphQLContext) => {
    if (row.labels.length > 20) return null;
    const m = await klMatrixOf(ctx, row);
    return Array.from({ length: m.size }, (_, i) => Array.from(m.values.subarray(i * m.size, (i + 1) * m.size)));
  },
  nearest: (row: KlMatrixRow, args: { label: number; k?: number | null }, ctx: GraphQLContext) => klNeighbours(ctx, row, args, 'nearest'),
  farthest: (row: KlMatrixRow, args: { label: number; k?: number | null }, ctx: GraphQLContext) => klNeighbours(ctx, row, args, 'farthest'),
};

export const DensityBin = {
  index: (row: DensityBinRow) => row.bin,
  count: (row: DensityBinRow) => row.stats.count,
  logDensityMean: (row: DensityBinRow) => row.stats.logDensityMean,
  logDensitySd: (row: DensityBinRow) => row.stats.logDensitySd,
  memorizationMean: (row: DensityBinRow) => row.stats.memorizationMean,
  memorizationSd: (row: DensityBinRow) => row.stats.memorizationSd,
  highDensityShare: (row: DensityBinRow) => row.stats.highDensityFraction,
  stats: (row: DensityBinRow) => row.stats,
  certifiedCount: async (row: DensityBinRow, _: unknown, ctx: GraphQLContext) => (await robustnessOf(row, ctx))?.certifiedCount ?? 0,
  meanRadius: async (row: DensityBinRow, _: unknown, ctx: GraphQLContext) => (await robustnessOf(row, ctx))?.meanRadius ?? null,
  sdRadius: async (row: DensityBinRow, _: unknown, ctx: GraphQLContext) => (await robustnessOf(row, ctx))?.sdRadius ?? null,
  abstainRate: async (row: DensityBinRow, _: unknown, ctx: GraphQLContext) => (await robustnessOf(row, ctx))?.abstainRate ?? null,
  smoothedAccuracy: async (row: DensityBinRow, _: unknown, ctx: GraphQLContext) => (await robustnessOf(row, ctx))?.smoothedAccuracy ?? null,
};

/** The bin's certified-robustness statistics (through the per-request loader). */
async function robustnessOf(row: DensityBinRow, ctx: GraphQLContext): Promise<BinRobustness | undefined> {
  const run = await ctx.loaders.fitRun.load(row.runId);
  if (!run) return undefined;
  return (await ctx.loaders.binRobustness.load({ modelId: run.modelId, runId: row.runId, layerId: row.layerId }))[row.bin];
}
