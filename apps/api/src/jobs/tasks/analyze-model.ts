/** Job task `analyze-model`: the payload is the run's config; validated, then handed to the service. */
import type { FitRunRow } from '@classfit/db';
import type { AppContext } from '../../context/app-context.ts';
import { ValidationError } from '../../services/errors.ts';
import { runAnalysis, type AnalysisSummary } from '../../services/analyze-model.ts';
import type { TaskHooks } from '../job-runner.ts';

/** Runs (or resumes) the analysis of a claimed run. Idempotent: results are upserted under the run. */
export async function analyzeModelTask(ctx: AppContext, run: FitRunRow, hooks: TaskHooks): Promise<AnalysisSummary> {
  const config = run.config as { layers?: unknown; reduce?: unknown };
  if (!Array.isArray(config.layers) || !Array.isArray(config.reduce)) {
    throw new ValidationError([{ field: 'config', message: 'run config lacks resolved layers/reduce; queue it through requestAnalysis' }]);
  }
  return runAnalysis(ctx, run, hooks);
}
