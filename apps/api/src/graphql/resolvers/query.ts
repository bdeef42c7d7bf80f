/** Root `Query` fields: look-ups by ID, the top-level connections, comparison and fitted-density queries. */
import { listRuns, pageArchitectures, pageDatasets, pageModels, pageProjects, tagCounts, type RunStatus } from '@classfit/db';
import type { ClassStatistic } from '../class-statistic.ts';
import { compareModels } from '../compare-models.ts';
import { connectionFromPage, connectionWindow, decodeIdCursor, idCursor, pageSize, type WindowArgs } from '../connection.ts';
import type { GraphQLContext } from '../context.ts';
import { BadUserInputError, NotFoundError } from '../errors.ts';
import { classifyPoints, logDensity, sampleFromClass } from '../fitted-density.ts';
import { fromGlobalId, type NodeType } from '../global-id.ts';
import type { PointsInputValue } from '../numeric/points-input.ts';
import { loadNode } from './node.ts';
import { toFitRunOrder, type FitRunOrderInput } from './fit-run-order.ts';
import { toModelFilterTree, toModelOrder, type ModelFilterInput, type ModelOrderInput } from './model-filter.ts';

type PageArgs = { first?: number | null; after?: string | null };

/** Loads one node of a known type, or throws NOT_FOUND. */
async function required(ctx: GraphQLContext, type: NodeType, id: string): Promise<unknown> {
  const row = await loadNode(ctx, id, type);
  if (!row) throw new NotFoundError(type, id);
  return row;
}

export const Query = {
  node: (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => loadNode(ctx, id),
  nodes: (_: unknown, { ids }: { ids: string[] }, ctx: GraphQLContext) => {
    if (ids.length > 100) throw new BadUserInputError('ids', `at most 100 IDs, got ${ids.length}`);
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  },
  backend: (_: unknown, __: unknown, ctx: GraphQLContext) => {
    const info = ctx.backend();
    return {
      name: info?.name ?? 'uninitialised',
      requested: info?.requested ?? ctx.app.backendPreference,
      fellBackFrom: info?.fellBackFrom ?? [],
      dbEngine: ctx.app.engine,
    };
  },
  projects: async (_: unknown, args: PageArgs, ctx: GraphQLContext) => {
    const page = await pageProjects(ctx.app.db, pageSize(args.first), decodeIdCursor(args.after));
    return connectionFromPage(page, idCursor, Boolean(args.after));
  },
  datasets: async (_: unknown, args: PageArgs, ctx: GraphQLContext) => {
    const page = await pageDatasets(ctx.app.db, pageSize(args.first), decodeIdCursor(args.after));
    return connectionFromPage(page, idCursor, Boolean(args.after));
  },
  architectures: async (_: unknown, args: PageArgs, ctx: GraphQLContext) => {
    const page = await pageArchitectures(ctx.app.db, pageSize(args.first), decodeIdCursor(args.after));
    return connectionFromPage(page, idCursor, Boolean(args.after));
  },
  models: async (_: unknown, args: WindowArgs & { filter?: ModelFilterInput | null; orderBy?: ModelOrderInput | null }, ctx: GraphQLContext) => {
    const page = await pageModels(ctx.app.db, { ...connectionWindow(args), orderBy: toModelOrder(args.orderBy), filter: toModelFilterTree(args.filter) });
    return connectionFromPage(page, (row) => row.cursor);
  },
  tags: (_: unknown, __: unknown, ctx: GraphQLContext) => tagCounts(ctx.app.db),
  model: (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => required(ctx, 'Model', id),
  layer: (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => required(ctx, 'Layer', id),
  classFit: (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => required(ctx, 'ClassFit', id),
  fitRun: (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => required(ctx, 'FitRun', id),
  fitRuns: async (
    _: unknown,
    args: PageArgs & { filter?: { status?: string[] | null; model?: string | null } | null; orderBy?: FitRunOrderInput | null },
    ctx: GraphQLContext,
  ) => {
    const page = await listRuns(ctx.app.db, {
      first: pageSize(args.first),
      after: args.after,
      statuses: args.filter?.status?.map((s) => s.toLowerCase() as RunStatus),
      modelId: args.filter?.model ? fromGlobalId(args.filter.model, 'Model') : undefined,
      orderBy: toFitRunOrder(args.orderBy),
    });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
  compareModels: (_: unknown, args: { ids: string[]; statistic: ClassStatistic }, ctx: GraphQLContext) => compareModels(ctx, args.ids, args.statistic),
  logDensity: (_: unknown, args: { layerId: string; points: PointsInputValue; fitRun?: string | null }, ctx: GraphQLContext) =>
    logDensity(ctx, args.layerId, args.points, args.fitRun),
  classify: (_: unknown, args: { layerId: string; points: PointsInputValue; fitRun?: string | null }, ctx: GraphQLContext) =>
    classifyPoints(ctx, args.layerId, args.points, args.fitRun),
  sampleClass: (_: unknown, args: { classFitId: string; n: number; seed?: number | null }, ctx: GraphQLContext) =>
    sampleFromClass(ctx, args.classFitId, args.n, args.seed ?? 0),
};
