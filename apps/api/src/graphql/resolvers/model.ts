/** Resolvers of `Model` (and its `Heatmap`). */
import { listRuns, pageExamples, type CertificationRow, type ModelRow } from '@classfit/db';
import type { ClassStatistic } from '../class-statistic.ts';
import { connectionFromArray, connectionFromPage, pageSize } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { BadUserInputError } from '../errors.ts';
import { buildHeatmap } from '../heatmap.ts';
import { runFor } from '../run-selection.ts';
import { direction, globalIdOf, upper } from './shared.ts';

type PageArgs = { first?: number | null; after?: string | null };

/** The GraphQL `ExampleFilter` and `ExampleOrder` inputs. */
interface ExampleArgs extends PageArgs {
  filter?: { label?: number[] | null; split?: string | null; memorization?: { gte?: number | null; lte?: number | null } | null } | null;
  orderBy?: { field: 'INDEX' | 'MEMORIZATION'; direction: 'ASC' | 'DESC' } | null;
}

export const Model = {
  id: globalIdOf('Model'),
  project: (model: ModelRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.project.load(model.projectId),
  architecture: (model: ModelRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.architecture.load(model.architectureId),
  dataset: (model: ModelRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.dataset.load(model.datasetId),
  tags: (model: ModelRow) => [...model.tags].sort(),
  layerCount: (model: ModelRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.layerCountOfModel.load(model.id),
  classCount: async (model: ModelRow, _: unknown, ctx: GraphQLContext) => (await ctx.loaders.dataset.load(model.datasetId))?.classCount ?? 0,
  status: async (model: ModelRow, _: unknown, ctx: GraphQLContext) => upper((await ctx.loaders.latestRunOfModel.load(model.id))?.status),
  certification: (model: ModelRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.certificationOfModel.load(model.id),
  latestFitRun: (model: ModelRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.latestSucceededRunOfModel.load(model.id),
  layers: async (model: ModelRow, args: PageArgs, ctx: GraphQLContext) => connectionFromArray(await ctx.loaders.layersOfModel.load(model.id), args),
  examples: async (model: ModelRow, args: ExampleArgs, ctx: GraphQLContext) => {
    const split = args.filter?.split ?? null;
    if (split !== null && split !== 'train' && split !== 'test') throw new BadUserInputError('filter.split', `must be "train" or "test", got "${split}"`);
    const page = await pageExamples(ctx.app.db, model.id, {
      first: pageSize(args.first),
      after: args.after,
      labels: args.filter?.label,
      split,
      memorization: args.filter?.memorization,
      orderBy: { field: args.orderBy?.field === 'MEMORIZATION' ? 'memorization' : 'index', direction: direction(args.orderBy?.direction) },
    });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  fitRuns: async (model: ModelRow, args: PageArgs, ctx: GraphQLContext) => {
    const page = await listRuns(ctx.app.db, { modelId: model.id, first: pageSize(args.first), after: args.after });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  heatmap: async (model: ModelRow, args: { statistic: ClassStatistic; fitRun?: string | null }, ctx: GraphQLContext) => {
    const run = await runFor(ctx, model.id, args.fitRun);
    return run ? buildHeatmap(ctx, model.id, run, args.statistic) : null;
  },
};

/** Resolvers of `Certification` (the stored settings row). */
export const Certification = {
  layer: (row: CertificationRow, _: unknown, ctx: GraphQLContext) => (row.layerId === null ? null : ctx.loaders.layer.load(row.layerId)),
};
