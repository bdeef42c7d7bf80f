/** Root `Query` fields: look-ups by ID, the top-level connections, comparison and fitted-density queries. */
import { listRuns, pageArchitectures, pageDatasets, pageModels, pageProjects, tagCounts } from '@classfit/db';
import { BadUserInputError, NotFoundError } from '../../services/errors.ts';
import { compareModels } from '../../services/views/compare-models.ts';
import { crossModelSimilarity } from '../../services/views/cross-model-similarity.ts';
import { classifyPoints, logDensity, sampleFromClass } from '../../services/views/fitted-density.ts';
import { fromGlobalId, type NodeType } from '../../services/views/global-id.ts';
import { visibility } from '../../services/views/read-scope.ts';
import { connectionFromPage, connectionWindow, decodeIdCursor, idCursor, pageSize } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { toFitRunOrder } from './fit-run-order.ts';
import { toModelFilterTree, toModelOrder } from './model-filter.ts';
import { loadNode } from './node.ts';

/** Loads one node of a known type, or throws NOT_FOUND. */
async function required<T extends NodeType>(ctx: GraphQLContext, type: T, id: string) {
  const row = await loadNode(ctx, id, type);
  if (!row) throw new NotFoundError(type, id);
  return row;
}

export const Query: QueryResolvers = {
  viewer: (_, __, ctx) => ctx.caller,
  node: (_, { id }, ctx) => loadNode(ctx, id),
  nodes: (_, { ids }, ctx) => {
    if (ids.length > 100) throw new BadUserInputError('ids', `at most 100 IDs, got ${ids.length}`);
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  },
  backend: (_, __, ctx) => {
    const info = ctx.backend();
    return {
      name: info?.name ?? 'uninitialised',
      requested: info?.requested ?? ctx.app.backendPreference,
      fellBackFrom: [...(info?.fellBackFrom ?? [])],
      adapter: info?.adapter ?? null,
      dbEngine: ctx.app.engine,
    };
  },
  projects: async (_, args, ctx) => {
    const page = await pageProjects(ctx.app.db, pageSize(args.first), decodeIdCursor(args.after), visibility(ctx));
    return connectionFromPage(page, idCursor, Boolean(args.after));
  },
  datasets: async (_, args, ctx) => {
    const page = await pageDatasets(ctx.app.db, pageSize(args.first), decodeIdCursor(args.after), visibility(ctx));
    return connectionFromPage(page, idCursor, Boolean(args.after));
  },
  architectures: async (_, args, ctx) => {
    const page = await pageArchitectures(ctx.app.db, pageSize(args.first), decodeIdCursor(args.after), visibility(ctx));
    return connectionFromPage(page, idCursor, Boolean(args.after));
  },
  models: async (_, args, ctx) => {
    const page = await pageModels(ctx.app.db, { ...connectionWindow(args), orderBy: toModelOrder(args.orderBy), filter: toModelFilterTree(args.filter), visibility: visibility(ctx) });
    return connectionFromPage(page, (row) => row.cursor);
  },
  tags: (_, __, ctx) => tagCounts(ctx.app.db, visibility(ctx)),
  model: (_, { id }, ctx) => required(ctx, 'Model', id),
  layer: (_, { id }, ctx) => required(ctx, 'Layer', id),
  classFit: (_, { id }, ctx) => required(ctx, 'ClassFit', id),
  fitRun: (_, { id }, ctx) => required(ctx, 'FitRun', id),
  fitRuns: async (_, args, ctx) => {
    const page = await listRuns(ctx.app.db, {
      first: pageSize(args.first),
      after: args.after,
      statuses: args.filter?.status?.map((s) => s.toLowerCase() as Lowercase<typeof s>),
      modelId: args.filter?.model ? fromGlobalId(args.filter.model, 'Model') : undefined,
      orderBy: toFitRunOrder(args.orderBy),
      visibility: visibility(ctx),
    });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  compareModels: (_, args, ctx) => compareModels(ctx, args.ids, args.statistic, args.fitRuns ?? []),
  crossModelSimilarity: (_, args, ctx) => crossModelSimilarity(ctx, args.a, args.b, args.measure),
  logDensity: (_, args, ctx) => logDensity(ctx, args.layerId, args.points, args.space ?? 'RAW', args.fitRun),
  classify: (_, args, ctx) => classifyPoints(ctx, args.layerId, args.points, args.space ?? 'RAW', args.fitRun),
  sampleClass: (_, args, ctx) => sampleFromClass(ctx, args.classFitId, args.n, args.seed ?? 0),
};
