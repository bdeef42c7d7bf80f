/** Resolvers of `DensityBin`: one bin of a layer's examples by log-density (Fig. 3), with its certified robustness. */
import type { DensityBinRow } from '@classfit/db';
import type { BinRobustness } from '../../services/robustness/bin-robustness.ts';
import type { GraphQLContext } from '../context.ts';
import type { DensityBinResolvers } from '../generated/resolvers-types.ts';

/** The bin's certified-robustness statistics (through the per-request loader). */
async function robustnessOf(row: DensityBinRow, ctx: GraphQLContext): Promise<BinRobustness | undefined> {
  const run = await ctx.loaders.fitRun.load(row.runId);
  if (!run) return undefined;
  return (await ctx.loaders.binRobustness.load({ modelId: run.modelId, runId: row.runId, layerId: row.layerId }))[row.bin];
}

export const DensityBin: DensityBinResolvers = {
  index: (row) => row.bin,
  count: (row) => row.stats.count,
  logDensityMean: (row) => row.stats.logDensityMean,
  logDensitySd: (row) => row.stats.logDensitySd,
  memorizationMean: (row) => row.stats.memorizationMean,
  memorizationSd: (row) => row.stats.memorizationSd,
  highDensityShare: (row) => row.stats.highDensityFraction,
  stats: (row) => row.stats,
  certifiedCount: async (row, _, ctx) => (await robustnessOf(row, ctx))?.certifiedCount ?? 0,
  meanRadius: async (row, _, ctx) => (await robustnessOf(row, ctx))?.meanRadius ?? null,
  sdRadius: async (row, _, ctx) => (await robustnessOf(row, ctx))?.sdRadius ?? null,
  abstainRate: async (row, _, ctx) => (await robustnessOf(row, ctx))?.abstainRate ?? null,
  smoothedAccuracy: async (row, _, ctx) => (await robustnessOf(row, ctx))?.smoothedAccuracy ?? null,
};
