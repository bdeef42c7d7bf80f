/** Resolvers of `Project`: a group of datasets and models, and its models. */
import { pageModels } from '@classfit/db';
import { connectionFromPage, pageSize } from '../connection.ts';
import type { ProjectResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf } from '../shared.ts';
import { toModelFilterTree, toModelOrder } from './model-filter.ts';

export const Project: ProjectResolvers = {
  id: globalIdOf('Project'),
  models: async (project, args, ctx) => {
    const filter = { ...toModelFilterTree(args.filter), projectId: project.id };
    // The project itself was loaded through the caller's scope, so its models are theirs to see.
    const page = await pageModels(ctx.app.db, { first: pageSize(args.first), after: args.after, orderBy: toModelOrder(args.orderBy), filter });
    return connectionFromPage(page, (row) => row.cursor, Boolean(args.after));
  },
};
