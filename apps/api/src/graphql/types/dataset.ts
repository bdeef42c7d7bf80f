/** Resolvers of `Dataset`: its classes. */
import { connectionFromArray } from '../connection.ts';
import type { DatasetResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf } from '../shared.ts';

export const Dataset: DatasetResolvers = {
  id: globalIdOf('Dataset'),
  classes: async (dataset, args, ctx) => connectionFromArray(await ctx.loaders.classesOfDataset.load(dataset.id), args),
};
