/** Root `Subscription` fields (served by graphql-ws on /graphql). */
import { latestRunId, type FitRunRow } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { NotFoundError } from '../../services/errors.ts';
import { fromGlobalId } from '../../services/views/global-id.ts';
import { visibility } from '../../services/views/read-scope.ts';
import { stoppable, watchQueuedRuns, watchRun } from '../../services/views/run-watch.ts';
import type { SubscriptionResolvers } from '../generated/resolvers-types.ts';

async function* events(ctx: GraphQLContext, runId: number, signal: AbortSignal): AsyncGenerator<{ fitRunProgress: FitRunRow }> {
  for await (const run of watchRun(ctx.app.db, runId, { intervalMs: ctx.progressPollMs, signal })) yield { fitRunProgress: run };
}

export const Subscription: SubscriptionResolvers = {
  fitRunProgress: {
    // Validates before returning the stream, so an unknown ID is an ordinary located error, not a broken stream.
    subscribe: async (_, { id }, ctx) => {
      const runId = fromGlobalId(id, 'FitRun');
      if (!(await ctx.loaders.fitRun.load(runId))) throw new NotFoundError('FitRun', id);
      return stoppable((signal) => events(ctx, runId, signal));
    },
    resolve: (payload: { fitRunProgress: FitRunRow }) => payload.fitRunProgress,
  },
  fitRunQueued: {
    // The starting point is read before the stream is handed out: "queued after the subscription starts".
    subscribe: async (_, __, ctx) => {
      const after = await latestRunId(ctx.app.db, visibility(ctx));
      return stoppable((signal) => queued(ctx, after, signal));
    },
    resolve: (payload: { fitRunQueued: FitRunRow }) => payload.fitRunQueued,
  },
};

async function* queued(ctx: GraphQLContext, after: number, signal: AbortSignal): AsyncGenerator<{ fitRunQueued: FitRunRow }> {
  for await (const run of watchQueuedRuns(ctx.app.db, visibility(ctx), { intervalMs: ctx.progressPollMs, signal, after })) yield { fitRunQueued: run };
}
