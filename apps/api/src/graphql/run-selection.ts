/**
 * Which fit run an analysis field reads: the `fitRun` argument when given (it must belong to the field's model),
 * else the model's most recent succeeded run.
 */
import type { FitRunRow } from '@classfit/db';
import type { GraphQLContext } from './context.ts';
import { BadUserInputError, NotFoundError } from './errors.ts';
import { fromGlobalId } from './global-id.ts';

/** The run for `modelId`, or undefined when the model was never analysed successfully and no run was named. */
export async function runFor(ctx: GraphQLContext, modelId: number, fitRun?: string | null, argument = 'fitRun'): Promise<FitRunRow | undefined> {
  if (fitRun === null || fitRun === undefined) return ctx.loaders.latestSucceededRunOfModel.load(modelId);
  const run = await ctx.loaders.fitRun.load(fromGlobalId(fitRun, 'FitRun'));
  if (!run) throw new NotFoundError('FitRun', fitRun);
  if (run.modelId !== modelId) throw new BadUserInputError(argument, `fit run ${fitRun} belongs to another model`);
  return run;
}
