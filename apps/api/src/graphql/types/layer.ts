/** Resolvers of `Layer`: its attributes and the per-layer analyses of one run. */
import { pageExampleScores, type ClassFitRow, type LayerRow } from '@classfit/db';
import { layerPairSimilarity } from '../../services/views/cross-model-similarity.ts';
import { runForLayer } from '../../services/views/run-selection.ts';
import { connectionFromArray, connectionFromPage, pageSize } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import type { ClassFitOrderField, LayerResolvers } from '../generated/resolvers-types.ts';
import { direction, globalIdOf, referenced, sortBy } from '../shared.ts';

const CLASS_FIT_KEYS: Record<ClassFitOrderField, (fit: ClassFitRow) => number | null> = {
  LABEL: (fit) => fit.label,
  MEAN_LOG_DENSITY: (fit) => fit.meanLogDensity,
  RELATIVE_ENTROPY: (fit) => fit.relativeEntropy,
  MEAN_DISTANCE: (fit) => fit.meanDistance,
};

/** Rows of one run's per-run table that belong to `layer` (the loaders fetch whole runs, batched). */
async function ofLayer<R extends { layerId: number }>(
  ctx: GraphQLContext,
  layer: LayerRow,
  fitRun: string | null | undefined,
  load: (runId: number) => Promise<R[]>,
): Promise<R[]> {
  const run = await runForLayer(ctx, layer, fitRun);
  return run ? (await load(run.id)).filter((row) => row.layerId === layer.id) : [];
}

export const Layer: LayerResolvers = {
  id: globalIdOf('Layer'),
  fitRun: async (layer, args, ctx) => (await runForLayer(ctx, layer, args.fitRun)) ?? null,
  model: (layer, _, ctx) => referenced(ctx.loaders.model, layer.modelId, 'Model'),
  svd: (layer) =>
    layer.svdSummary && {
      components: layer.svdSummary.k,
      varianceFraction: layer.svdSummary.varianceFraction,
      singularValues: layer.svdSummary.singularValues,
    },
  classFits: async (layer, args, ctx) => {
    pageSize(args.first, 100);
    const run = await runForLayer(ctx, layer, args.fitRun);
    const fits = run ? await ctx.loaders.classFitsOfRunLayer.load({ runId: run.id, layerId: layer.id }) : [];
    const key = CLASS_FIT_KEYS[args.orderBy?.field ?? 'LABEL'];
    return connectionFromArray(sortBy(fits, key, direction(args.orderBy?.direction), (fit) => fit.label), args);
  },
  exampleScores: async (layer, args, ctx) => {
    const first = pageSize(args.first);
    const run = await runForLayer(ctx, layer, args.fitRun);
    if (!run) return connectionFromArray([], { first });
    const page = await pageExampleScores(ctx.app.db, run.id, layer.id, {
      first,
      after: args.after,
      labels: args.labels,
      orderBy: { field: args.orderBy?.field === 'LOG_DENSITY' ? 'logDensity' : 'index', direction: direction(args.orderBy?.direction) },
    });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  groupSplit: async (layer, args, ctx) => (await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.groupSplitsOfRun.load(id)))[0] ?? null,
  generativeClassification: (layer, args, ctx) => ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.genclassOfRun.load(id)),
  klMatrices: async (layer, args, ctx) => {
    const rows = await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.klMatricesOfRun.load(id));
    return args.subset == null ? rows : rows.filter((row) => row.subset === args.subset);
  },
  densityBins: async (layer, args, ctx) => {
    pageSize(args.first, 100);
    return connectionFromArray(await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.densityBinsOfRun.load(id)), args);
  },
  similarity: (layer, args, ctx) => layerPairSimilarity(ctx, layer, args.to, args.measure),
};
