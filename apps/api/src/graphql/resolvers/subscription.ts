/** Root `Subscription` fields (served by graphql-ws on /graphql). */
import type { FitRunRow } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { fromGlobalId } from '../global-id.ts';
import { watchRun } from '../run-watch.ts';

async function* events(ctx: GraphQLContext, runId: number): AsyncGenerator<{ fitRunProgress: FitRunRow }> {
  for await (const run of watchRun(ctx.app.db, runId, { intervalMs: ctx.progressPollMs })) yield { fitRunProgress: run };
}

export const Subscription = {
  fitRunProgress: {
    // Validates before returning the stream, so an unknown ID is an ordinary located error, not a broken stream.
    subscribe: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      const runId = fromGlobalId(id, 'FitRun');
      if (!(await ctx.loaders.fitRun.load(runId))) throw new NotFoundError('FitRun', id);
      return events(ctx, runId);
    },
    resolve: (payload: { fitRunProgress: FitRunRow }) => payload.fitRunProgress,
  },
};
