/** Resolvers of `Layer`: its attributes and the per-layer analyses of one run. */
import { pageExampleScores, type ClassFitRow, type LayerRow } from '@classfit/db';
import { connectionFromArray, connectionFromPage, pageSize } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { runFor } from '../run-selection.ts';
import { direction, globalIdOf, sortBy } from './shared.ts';

type PageArgs = { first?: number | null; after?: string | null };
type RunArg = { fitRun?: string | null };
type Order<F> = { field: F; direction: 'ASC' | 'DESC' } | null | undefined;

const CLASS_FIT_KEYS: Record<string, (fit: ClassFitRow) => number | null> = {
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
  const run = await runFor(ctx, layer.modelId, fitRun);
  return run ? (await load(run.id)).filter((row) => row.layerId === layer.id) : [];
}

export const Layer = {
  id: globalIdOf('Layer'),
  model: (layer: LayerRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.model.load(layer.modelId),
  svd: (layer: LayerRow) =>
    layer.svdSummary && {
      components: layer.svdSummary.k,
      varianceFraction: layer.svdSummary.varianceFraction,
      singularValues: layer.svdSummary.singularValues,
    },
  classFits: async (layer: LayerRow, args: PageArgs & RunArg & { orderBy?: Order<string> }, ctx: GraphQLContext) => {
    pageSize(args.first, 100);
    const fits = await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.classFitsOfRun.load(id));
    const key = CLASS_FIT_KEYS[args.orderBy?.field ?? 'LABEL'];
    return connectionFromArray(sortBy(fits, key, direction(args.orderBy?.direction), (fit) => fit.label), args);
  },
  exampleScores: async (layer: LayerRow, args: PageArgs & RunArg & { labels?: number[] | null; orderBy?: Order<'EXAMPLE_INDEX' | 'LOG_DENSITY'> }, ctx: GraphQLContext) => {
    const first = pageSize(args.first);
    const run = await runFor(ctx, layer.modelId, args.fitRun);
    if (!run) return connectionFromArray([], { first });
    const page = await pageExampleScores(ctx.app.db, run.id, layer.id, {
      first,
      after: args.after,
      labels: args.labels,
      orderBy: { field: args.orderBy?.field === 'LOG_DENSITY' ? 'logDensity' : 'index', direction: direction(args.orderBy?.direction) },
    });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  groupSplit: async (layer: LayerRow, args: RunArg, ctx: GraphQLContext) =>
    (await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.groupSplitsOfRun.load(id)))[0] ?? null,
  generativeClassification: (layer: LayerRow, args: RunArg, ctx: GraphQLContext) =>
    ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.genclassOfRun.load(id)),
  klMatrices: async (layer: LayerRow, args: RunArg & { subset?: string | null }, ctx: GraphQLContext) => {
    const rows = await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.klMatricesOfRun.load(id));
    return args.subset == null ? rows : rows.filter((row) => row.subset === args.subset);
  },
  densityBins: async (layer: LayerRow, args: PageArgs & RunArg, ctx: GraphQLContext) => {
    pageSize(args.first, 100);
    return connectionFromArray(await ofLayer(ctx, layer, args.fitRun, (id) => ctx.loaders.densityBinsOfRun.load(id)), args);
  },
};
