/** Resolvers of `Model`: a trained network, its layers, examples, runs and heatmap. */
import { pageExamples } from '@classfit/db';
import { BadUserInputError } from '../../services/errors.ts';
import { buildHeatmap } from '../../services/views/heatmap.ts';
import { layerSimilarityOf } from '../../services/views/layer-similarity.ts';
import { runFor, runsOfLayers } from '../../services/views/run-selection.ts';
import { connectionFromArray, connectionFromPage, pageSize } from '../connection.ts';
import type { ModelResolvers } from '../generated/resolvers-types.ts';
import { direction, globalIdOf, referenced, upper } from '../shared.ts';

export const Model: ModelResolvers = {
  id: globalIdOf('Model'),
  project: (model, _, ctx) => referenced(ctx.loaders.project, model.projectId, 'Project'),
  architecture: (model, _, ctx) => referenced(ctx.loaders.architecture, model.architectureId, 'Architecture'),
  dataset: (model, _, ctx) => referenced(ctx.loaders.dataset, model.datasetId, 'Dataset'),
  tags: (model) => [...model.tags].sort(),
  layerCount: (model, _, ctx) => ctx.loaders.layerCountOfModel.load(model.id),
  classCount: async (model, _, ctx) => (await ctx.loaders.dataset.load(model.datasetId))?.classCount ?? 0,
  status: async (model, _, ctx) => upper((await ctx.loaders.latestRunOfModel.load(model.id))?.status),
  certification: (model, _, ctx) => ctx.loaders.certificationOfModel.load(model.id),
  memorizationSubsets: (model, _, ctx) => ctx.loaders.memorizationSubsetsOfModel.load(model.id),
  latestFitRun: (model, _, ctx) => ctx.loaders.latestSucceededRunOfModel.load(model.id),
  layers: async (model, args, ctx) => connectionFromArray(await ctx.loaders.layersOfModel.load(model.id), args),
  examples: async (model, args, ctx) => {
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
  fitRuns: async (model, args, ctx) => {
    const page = await ctx.loaders.runPageOfModel.load({ modelId: model.id, first: pageSize(args.first), after: args.after });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  heatmap: async (model, args, ctx) => {
    return buildHeatmap(ctx, model.id, await runsOfLayers(ctx, model.id, args.fitRun), args.statistic);
  },
  layerSimilarity: async (model, args, ctx) => {
    const run = await runFor(ctx, model.id, args.fitRun);
    return run ? layerSimilarityOf(ctx, run) : null;
  },
};
