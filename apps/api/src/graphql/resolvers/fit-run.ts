/** Resolvers of `FitRun`. */
import { RUN_LOG_LIMIT, type FitRunRow } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { BadUserInputError } from '../errors.ts';
import { progressView } from '../progress-view.ts';
import { globalIdOf, upper } from './shared.ts';

export const FitRun = {
  id: globalIdOf('FitRun'),
  model: (run: FitRunRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.model.load(run.modelId),
  status: (run: FitRunRow) => upper(run.status),
  progress: (run: FitRunRow) => progressView(run),
  log: (run: FitRunRow, args: { last?: number | null }) => {
    const last = args.last ?? 20;
    if (!Number.isInteger(last) || last < 1 || last > RUN_LOG_LIMIT) throw new BadUserInputError('last', `must be between 1 and ${RUN_LOG_LIMIT}, got ${last}`);
    return run.log.slice(-last);
  },
};
