/** Root `Subscription` fields (served by graphql-ws on /graphql). */
import type { FitRunRow } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { fromGlobalId } from '../global-id.ts';
import { watchRun } from '../run-watch.ts';

export const Subscription = {
  fitRunProgress: {
    subscribe: async function* (_: unknown, { id }: { id: string }, ctx: GraphQLContext) {
      const runId = fromGlobalId(id, 'FitRun');
      if (!(await ctx.loaders.fitRun.load(runId))) throw new NotFoundError('FitRun', id);
      for await (const run of watchRun(ctx.app.db, runId, { intervalMs: ctx.progressPollMs })) yield { fitRunProgress: run };
    },
    resolve: (payload: { fitRunProgress: FitRunRow }) => payload.fitRunProgress,
  },
};
