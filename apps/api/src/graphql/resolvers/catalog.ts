/** Resolvers of `Project`, `Dataset`, `DatasetClass` and `Architecture`. */
import type { ArchitectureRow, DatasetClassRow, DatasetRow, ProjectRow } from '@classfit/db';
import { pageModels } from '@classfit/db';
import { connectionFromArray, connectionFromPage, pageSize } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { toModelFilterTree, toModelOrder, type ModelFilterInput, type ModelOrderInput } from './model-filter.ts';
import { globalIdOf } from './shared.ts';

export const Project = {
  id: globalIdOf('Project'),
  models: async (
    project: ProjectRow,
    args: { first?: number | null; after?: string | null; filter?: ModelFilterInput | null; orderBy?: ModelOrderInput | null },
    ctx: GraphQLContext,
  ) => {
    const filter = { ...toModelFilterTree(args.filter), projectId: project.id };
    const page = await pageModels(ctx.app.db, { first: pageSize(args.first), after: args.after, orderBy: toModelOrder(args.orderBy), filter });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
};

export const Dataset = {
  id: globalIdOf('Dataset'),
  classes: async (dataset: DatasetRow, args: { first?: number | null; after?: string | null }, ctx: GraphQLContext) =>
    connectionFromArray(await ctx.loaders.classesOfDataset.load(dataset.id), args),
};

export const DatasetClass = {
  id: globalIdOf('DatasetClass'),
  dataset: (row: DatasetClassRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.dataset.load(row.datasetId),
};

export const Architecture = {
  id: globalIdOf('Architecture'),
  modelCount: (row: ArchitectureRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.modelCountOfArchitecture.load(row.id),
};
