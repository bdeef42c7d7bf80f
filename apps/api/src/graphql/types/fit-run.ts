/** Resolvers of `FitRun`: one analysis of a model, its status, progress and log. */
import { RUN_LOG_LIMIT } from '@classfit/db';
import { analysisOptionsSchema } from '../../services/analysis-options.ts';
import { stepDeclarations } from '../../services/analysis/steps/index.ts';
import { BadUserInputError } from '../../services/errors.ts';
import { progressView } from '../../services/views/progress-view.ts';
import type { FitRunResolvers } from '../generated/resolvers-types.ts';
import { globalIdOf, referenced, upper } from '../shared.ts';

export const FitRun: FitRunResolvers = {
  id: globalIdOf('FitRun'),
  model: (run, _, ctx) => referenced(ctx.loaders.model, run.modelId, 'Model'),
  status: (run) => upper(run.status),
  progress: (run) => progressView(run),
  layerJobs: (run, _, ctx) => ctx.loaders.layerJobsOfRun.load(run.id),
  analyses: (run) => {
    const options = analysisOptionsSchema.safeParse(run.config);
    return stepDeclarations().map(({ name, title, level, needs, options: read, tables, artifacts, enabled }) => ({
      name, title, level: upper(level), needs: [...needs], options: [...read], tables: [...tables], artifacts: [...artifacts],
      enabled: options.success && enabled(options.data),
    }));
  },
  log: (run, args) => {
    const last = args.last ?? 20;
    if (!Number.isInteger(last) || last < 1 || last > RUN_LOG_LIMIT) throw new BadUserInputError('last', `must be between 1 and ${RUN_LOG_LIMIT}, got ${last}`);
    return run.log.slice(-last);
  },
};
