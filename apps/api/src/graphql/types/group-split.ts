/** Resolvers of `GroupSplit`: the largest-gap split of one layer's classes into LOW and HIGH density. */
import type { GroupSplitRow } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import type { GroupSplitResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf, layerOf, runOf } from '../shared.ts';

async function labelsInGroup(row: GroupSplitRow, ctx: GraphQLContext, group: 'low' | 'high'): Promise<number[]> {
  const fits = await ctx.loaders.classFitsOfRunLayer.load({ runId: row.runId, layerId: row.layerId });
  return fits.filter((f) => f.group === group).map((f) => f.label);
}

export const GroupSplit: GroupSplitResolvers = {
  id: globalIdOf('GroupSplit'),
  layer: layerOf,
  fitRun: runOf,
  lowLabels: (row, _, ctx) => labelsInGroup(row, ctx, 'low'),
  highLabels: (row, _, ctx) => labelsInGroup(row, ctx, 'high'),
  significance: (row) => (row.modesPValue === null ? null : row),
  chains: (row) => row.chainGaps?.length ?? null,
};
