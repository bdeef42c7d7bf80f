/** Resolvers of `FitRun`. */
import type { FitRunRow } from '@classfit/db';
import type { GraphQLContext } from '../context.ts';
import { progressView } from '../progress-view.ts';
import { globalIdOf, upper } from './shared.ts';

export const FitRun = {
  id: globalIdOf('FitRun'),
  model: (run: FitRunRow, _: unknown, ctx: GraphQLContext) => ctx.loaders.model.load(run.modelId),
  status: (run: FitRunRow) => upper(run.status),
  progress: (run: FitRunRow) => progressView(run),
};
