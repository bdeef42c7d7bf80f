/** Resolvers of `DatasetClass`: one class of a dataset. */
import type { DatasetClassResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf, referenced } from '../shared.ts';

export const DatasetClass: DatasetClassResolvers = {
  id: globalIdOf('DatasetClass'),
  dataset: (row, _, ctx) => referenced(ctx.loaders.dataset, row.datasetId, 'Dataset'),
};
